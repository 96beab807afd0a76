#pragma once
// Time of day: 24 hourly values per source, the assessment periods built from them (EU Lday
// 07–19, Levening 19–23, Lnight 23–07, Lden; China Ld 06–22, Ln 22–06), and schedules that say
// in which hours a source runs (working hours, rest days, night permits).

#include <citynoise/core/bands.hpp>

#include <array>
#include <string>
#include <vector>

namespace citynoise {

inline constexpr int kHoursPerDay = 24;
/// One value per hour of an average day; index h covers [h:00, h+1:00).
using HourlyValues = std::array<double, kHoursPerDay>;
/// One spectrum per hour (dB; −∞ = silent).
using HourlySpectra = std::array<BandArray, kHoursPerDay>;

/// An assessment period: the hours [startHour, endHour) (wrapping past midnight) and the
/// penalty it carries in a day-evening-night or day-night level.
struct Period {
  const char* name;
  int startHour;
  int endHour;
  double penaltyDb;
  [[nodiscard]] int hours() const { return (endHour - startHour + kHoursPerDay) % kHoursPerDay == 0 ? kHoursPerDay : (endHour - startHour + kHoursPerDay) % kHoursPerDay; }
  [[nodiscard]] bool contains(int hour) const;
};

/// Directive 2002/49/EC Annex I default periods.
inline constexpr Period kEuDay{"day", 7, 19, 0.0};
inline constexpr Period kEuEvening{"evening", 19, 23, 5.0};
inline constexpr Period kEuNight{"night", 23, 7, 10.0};
/// GB 3096-2008: day 06:00–22:00, night 22:00–06:00.
inline constexpr Period kChinaDay{"cn_day", 6, 22, 0.0};
inline constexpr Period kChinaNight{"cn_night", 22, 6, 10.0};

/// Energy mean of hourly levels over a period: 10 lg(mean 10^(L_h/10)).
double periodLevel(const HourlyValues& hourlyLevels, const Period& period);
BandArray periodSpectrum(const HourlySpectra& hourly, const Period& period);

/// Lden = 10 lg{[12·10^(Lday/10) + 4·10^((Levening+5)/10) + 8·10^((Lnight+10)/10)]/24} with the
/// period lengths of the periods given (Directive 2002/49/EC Annex I).
double lden(double lday, double levening, double lnight);
/// Day-night level for the China periods: [16·10^(Ld/10) + 8·10^((Ln+10)/10)]/24.
double ldnChina(double ld, double ln);

/// "HH:MM-HH:MM" windows (end may pass midnight, "24:00" allowed).
struct TimeWindow {
  int startMinute = 0;  ///< minutes after midnight
  int endMinute = 0;
};
/// Parses "07:00-12:00"; throws std::invalid_argument with the text on error.
TimeWindow parseTimeWindow(const std::string& text);

/// When a source runs. The share of each hour it runs on an average day of the year is
///   Σ rules: overlap(hour, windows)/60 · share of days the rule applies · on-time fraction,
/// capped at 1. Rest days are the days a rule's day set leaves out; a night permit is a rule
/// with its own windows that applies on a number of days per year.
struct ScheduleRule {
  std::vector<TimeWindow> windows;
  double dayShare = 1.0;  ///< days per week / 7, or permit days / 365
  double onTime = 1.0;    ///< fraction of the window the source actually runs
};
struct Schedule {
  std::vector<ScheduleRule> rules;
  /// Always on.
  static Schedule continuous();
  [[nodiscard]] bool empty() const { return rules.empty(); }
};
/// Share of each hour the source runs on an average day (what long-term levels use).
HourlyValues averageDay(const Schedule& s);
/// Share of each hour on a day when every rule applies (a working day with a night permit):
/// what a night check on an active night uses.
HourlyValues activeDay(const Schedule& s);

/// Day-of-week set "mon-fri", "mon-sat", "mon,wed,fri", "all" → number of days (0–7).
int countDays(const std::string& days);

}  // namespace citynoise
