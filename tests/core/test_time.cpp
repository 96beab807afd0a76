#include <citynoise/core/decibel.hpp>
#include <citynoise/core/time.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace citynoise;

TEST_CASE("Period levels are energy means of their hours", "[core][time]") {
  HourlyValues h{};
  h.fill(50.0);
  for (int k = 7; k < 19; ++k) h[static_cast<std::size_t>(k)] = 60.0;
  CHECK(periodLevel(h, kEuDay) == Approx(60.0));
  CHECK(periodLevel(h, kEuNight) == Approx(50.0));
  // China day 06–22: 12 h at 60 and 4 h at 50.
  CHECK(periodLevel(h, kChinaDay) == Approx(10.0 * std::log10((12.0 * 1e6 + 4.0 * 1e5) / 16.0)));
  CHECK(kEuNight.hours() == 8);
  CHECK(kChinaNight.contains(23));
  CHECK_FALSE(kChinaNight.contains(6));
}

TEST_CASE("Lden and the China day-night level match the worked values", "[core][time]") {
  int ldenRows = 0, ldnRows = 0;
  for (const auto& row : test::readCsv(test::dataDir() / "reference/analytic_validation_values.csv")) {
    if (row[0].rfind("Lden", 0) == 0) {
      double ld = 0, le = 0, ln = 0;
      REQUIRE(std::sscanf(row[2].c_str(), "Ld=%lf Le=%lf Ln=%lf", &ld, &le, &ln) == 3);
      CHECK(lden(ld, le, ln) == Approx(std::stod(row[4])).margin(0.05));
      ++ldenRows;
    } else if (row[0].rfind("Ldn (China", 0) == 0) {
      double ld = 0, ln = 0;
      REQUIRE(std::sscanf(row[2].c_str(), "Ld=%lf Ln=%lf", &ld, &ln) == 2);
      CHECK(ldnChina(ld, ln) == Approx(std::stod(row[4])).margin(0.01));
      ++ldnRows;
    }
  }
  CHECK(ldenRows >= 1);
  CHECK(ldnRows >= 1);
}

TEST_CASE("A reference table that is not there fails the test instead of giving no rows", "[core][time]") {
  CHECK_THROWS_WITH(test::readCsv(test::dataDir() / "reference/no_such_table.csv"),
                    Catch::Contains("cannot read the test table") && Catch::Contains("no_such_table.csv"));
}

TEST_CASE("A construction schedule: working hours, rest days and a night permit", "[core][time]") {
  Schedule s;
  // Monday to Saturday 07:00–12:00 and 14:00–19:00, machines running 75 % of the time.
  s.rules.push_back({{parseTimeWindow("07:00-12:00"), parseTimeWindow("14:00-19:00")}, countDays("mon-sat") / 7.0, 0.75});
  // A night permit on 36.5 nights a year, 22:00–02:30.
  s.rules.push_back({{parseTimeWindow("22:00-02:30")}, 36.5 / 365.0, 0.75});
  const HourlyValues avg = averageDay(s);
  CHECK(avg[8] == Approx(6.0 / 7.0 * 0.75));
  CHECK(avg[12] == 0.0);
  CHECK(avg[23] == Approx(0.1 * 0.75));
  CHECK(avg[2] == Approx(0.5 * 0.1 * 0.75));
  const HourlyValues active = activeDay(s);
  CHECK(active[23] == Approx(0.75));
  // Hand-computed energy of the EU night (23–07): hours 23, 0, 1 full and hour 2 half, of 8 h.
  double e = 0.0;
  for (int h : {23, 0, 1, 2, 3, 4, 5, 6}) e += avg[static_cast<std::size_t>(h)];
  CHECK(e / 8.0 == Approx(3.5 * 0.1 * 0.75 / 8.0));
}

TEST_CASE("Bad schedule texts are refused", "[core][time]") {
  CHECK_THROWS_WITH(parseTimeWindow("7-12"), Catch::Contains("expected HH:MM-HH:MM"));
  CHECK_THROWS_WITH(parseTimeWindow("25:00-26:00"), Catch::Contains("no such time"));
  CHECK_THROWS_WITH(parseTimeWindow("10:00-10:00"), Catch::Contains("empty time window"));
  CHECK_THROWS_WITH(countDays("mon-funday"), Catch::Contains("unknown day"));
  CHECK(countDays("mon,wed,fri") == 3);
  CHECK(countDays("fri-mon") == 4);
}
