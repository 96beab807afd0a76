#include <citynoise/core/time.hpp>

#include <citynoise/core/decibel.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace citynoise {

bool Period::contains(int hour) const {
  if (startHour < endHour) return hour >= startHour && hour < endHour;
  return hour >= startHour || hour < endHour;
}

double periodLevel(const HourlyValues& levels, const Period& period) {
  double e = 0.0;
  int n = 0;
  for (int h = 0; h < kHoursPerDay; ++h)
    if (period.contains(h)) e += dbToEnergy(levels[static_cast<std::size_t>(h)]), ++n;
  return energyToDb(e / n);
}

BandArray periodSpectrum(const HourlySpectra& hourly, const Period& period) {
  BandArray out{};
  for (std::size_t i = 0; i < kBandCount; ++i) {
    HourlyValues band{};
    for (std::size_t h = 0; h < kHoursPerDay; ++h) band[h] = hourly[h][i];
    out[i] = periodLevel(band, period);
  }
  return out;
}

double lden(double lday, double levening, double lnight) {
  return energyToDb((12.0 * dbToEnergy(lday) + 4.0 * dbToEnergy(levening + 5.0) + 8.0 * dbToEnergy(lnight + 10.0)) / 24.0);
}

double ldnChina(double ld, double ln) {
  return energyToDb((16.0 * dbToEnergy(ld) + 8.0 * dbToEnergy(ln + 10.0)) / 24.0);
}

namespace {
int parseClock(const std::string& text, const std::string& whole) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) throw std::invalid_argument("expected HH:MM-HH:MM, got \"" + whole + "\"");
  int h = 0, m = 0;
  try {
    std::size_t u1 = 0, u2 = 0;
    h = std::stoi(text.substr(0, colon), &u1);
    m = std::stoi(text.substr(colon + 1), &u2);
    if (u1 != colon || u2 != text.size() - colon - 1) throw std::invalid_argument("");
  } catch (const std::exception&) {
    throw std::invalid_argument("expected HH:MM-HH:MM, got \"" + whole + "\"");
  }
  if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0))
    throw std::invalid_argument("no such time of day in \"" + whole + "\"");
  return h * 60 + m;
}

/// Minutes of hour h covered by the window (windows may wrap past midnight).
double coveredMinutes(const TimeWindow& w, int h) {
  auto overlap = [](int a0, int a1, int b0, int b1) { return std::max(0, std::min(a1, b1) - std::max(a0, b0)); };
  const int h0 = h * 60, h1 = h0 + 60;
  if (w.startMinute <= w.endMinute) return overlap(w.startMinute, w.endMinute, h0, h1);
  return overlap(w.startMinute, 24 * 60, h0, h1) + overlap(0, w.endMinute, h0, h1);
}

HourlyValues shares(const Schedule& s, bool everyRuleApplies) {
  HourlyValues out{};
  for (const ScheduleRule& r : s.rules)
    for (int h = 0; h < kHoursPerDay; ++h) {
      double minutes = 0.0;
      for (const TimeWindow& w : r.windows) minutes += coveredMinutes(w, h);
      out[static_cast<std::size_t>(h)] += std::min(minutes, 60.0) / 60.0 * (everyRuleApplies ? 1.0 : r.dayShare) * r.onTime;
    }
  for (double& v : out) v = std::min(v, 1.0);
  return out;
}
}  // namespace

TimeWindow parseTimeWindow(const std::string& text) {
  const auto dash = text.find('-');
  if (dash == std::string::npos) throw std::invalid_argument("expected HH:MM-HH:MM, got \"" + text + "\"");
  TimeWindow w{parseClock(text.substr(0, dash), text), parseClock(text.substr(dash + 1), text)};
  if (w.endMinute == 24 * 60) w.endMinute = 24 * 60;
  if (w.startMinute == w.endMinute) throw std::invalid_argument("empty time window \"" + text + "\"");
  return w;
}

Schedule Schedule::continuous() { return Schedule{{ScheduleRule{{TimeWindow{0, 24 * 60}}, 1.0, 1.0}}}; }

HourlyValues averageDay(const Schedule& s) { return shares(s, false); }
HourlyValues activeDay(const Schedule& s) { return shares(s, true); }

int countDays(const std::string& days) {
  static const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  auto index = [&](const std::string& d) {
    for (int i = 0; i < 7; ++i)
      if (d == names[i]) return i;
    throw std::invalid_argument("unknown day \"" + d + "\" (mon, tue, wed, thu, fri, sat, sun)");
  };
  if (days == "all" || days == "daily") return 7;
  bool mask[7] = {};
  std::size_t start = 0;
  while (start <= days.size()) {
    const std::size_t comma = std::min(days.find(',', start), days.size());
    const std::string part = days.substr(start, comma - start);
    const auto dash = part.find('-');
    if (dash == std::string::npos) mask[index(part)] = true;
    else
      for (int i = index(part.substr(0, dash)), e = index(part.substr(dash + 1));; i = (i + 1) % 7) {
        mask[i] = true;
        if (i == e) break;
      }
    start = comma + 1;
  }
  return static_cast<int>(std::count(std::begin(mask), std::end(mask), true));
}

}  // namespace citynoise
