// The viewer's indicator choice and compare mode's difference, without rendering.
#include "indicator.hpp"

#include <citynoise/core/error.hpp>

#include <catch2/catch.hpp>

#include <vtkFloatArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkStringArray.h>

#include <cmath>
#include <vector>

using namespace citynoise;
using namespace citynoise::viewer;

namespace {

/// Point data with receiver ids and one level array.
vtkNew<vtkPolyData> receivers(const std::vector<const char*>& ids, const std::vector<float>& lden) {
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkStringArray> names;
  names->SetName("receiver");
  vtkNew<vtkFloatArray> values;
  values->SetName("Lden");
  for (std::size_t k = 0; k < ids.size(); ++k) names->InsertNextValue(ids[k]), values->InsertNextValue(lden[k]);
  poly->GetPointData()->AddArray(names);
  poly->GetPointData()->AddArray(values);
  return poly;
}

}  // namespace

TEST_CASE("indicators name their array, scale and legend title", "[viewer]") {
  const IndicatorChoice lden = parseIndicator("Lden", false);
  CHECK(lden.array == "Lden");
  CHECK(lden.scale == MapScale::Level);
  CHECK(lden.title.find("dB(A)") != std::string::npos);
  const IndicatorChoice hour = parseIndicator("h07", false);
  CHECK(hour.array == "LAeq_h07");
  CHECK(hour.title.find("07:00–08:00") != std::string::npos);
  CHECK(parseIndicator("exceed_night", false).scale == MapScale::Exceedance);
  const IndicatorChoice diff = parseIndicator("Ln", true);
  CHECK(diff.array == "difference");
  CHECK(diff.source == "Ln");
  CHECK(diff.scale == MapScale::Difference);
}

TEST_CASE("unknown indicators are refused with the valid names", "[viewer]") {
  for (const char* bad : {"Lnoise", "h24", "h7", "lden", ""}) {
    INFO(bad);
    CHECK_THROWS_AS(parseIndicator(bad, false), InputError);
  }
  try {
    parseIndicator("Lnoise", false);
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("Lden") != std::string::npos);
  }
}

TEST_CASE("the difference matches receivers by id, not by position in the file", "[viewer]") {
  auto base = receivers({"a", "b", "c"}, {60, 55, 70});
  auto other = receivers({"c", "a", "x"}, {67, 61.5f, 40});  // reordered, b gone, x new
  const double largest = addDifference(base->GetPointData(), other->GetPointData(), "Lden");
  vtkDataArray* d = base->GetPointData()->GetArray("difference");
  REQUIRE(d);
  REQUIRE(d->GetNumberOfTuples() == 3);
  CHECK(d->GetComponent(0, 0) == Approx(1.5));
  CHECK(std::isnan(d->GetComponent(1, 0)));
  CHECK(d->GetComponent(2, 0) == Approx(-3.0));
  CHECK(largest == Approx(3.0));
}

TEST_CASE("a result compared with itself differs by zero everywhere", "[viewer]") {
  auto base = receivers({"a", "b"}, {60, 55});
  CHECK(addDifference(base->GetPointData(), base->GetPointData(), "Lden") == 0.0);
  vtkDataArray* d = base->GetPointData()->GetArray("difference");
  CHECK(d->GetComponent(0, 0) == 0.0);
  CHECK(d->GetComponent(1, 0) == 0.0);
  // Recomputing replaces the array instead of adding a second one.
  addDifference(base->GetPointData(), base->GetPointData(), "Lden");
  int count = 0;
  for (int k = 0; k < base->GetPointData()->GetNumberOfArrays(); ++k)
    count += std::string(base->GetPointData()->GetArrayName(k)) == "difference";
  CHECK(count == 1);
}
