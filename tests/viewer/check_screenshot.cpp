// Checks a citynoise-view screenshot, independently of the viewer's rendering code:
//   check_screenshot IMAGE.png not-blank
//   check_screenshot IMAGE.png legend level|difference|exceedance
//   check_screenshot IMAGE.png pixel X Y facade FACADES.vtp RECEIVER INDICATOR   (the class colour of
//                                 the receiver's level, read from the result's facades.vtp)
//   check_screenshot IMAGE.png pixel X Y difference BASE.vtp OTHER.vtp RECEIVER INDICATOR   (the
//                                 difference class colour of OTHER − BASE at the receiver)
//   check_screenshot IMAGE.png pixel X Y colour R,G,B
//   check_screenshot shift RESULT OUT DB   (a copy of a result folder with every level DB higher:
//                                 a second, different result for the viewer's compare mode)
// Exit 0 when the check holds, 1 with a message otherwise.
#include <citynoise/core/map_palette.hpp>
#include <citynoise/io/data_files.hpp>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkStringArray.h>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLImageDataWriter.h>
#include <vtkXMLPolyDataReader.h>
#include <vtkXMLPolyDataWriter.h>

#include <algorithm>
#include <filesystem>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

using namespace citynoise;

namespace {

struct Image {
  vtkNew<vtkPNGReader> reader;
  vtkImageData* data = nullptr;
  int width = 0, height = 0;
  explicit Image(const char* file) {
    reader->SetFileName(file);
    reader->Update();
    data = reader->GetOutput();
    int dims[3];
    data->GetDimensions(dims);
    width = dims[0], height = dims[1];
  }
  /// The pixel at (x, y) counted from the top left, as PNG viewers show it.
  Rgb at(int x, int y) const {
    const auto* p = static_cast<const unsigned char*>(data->GetScalarPointer(x, height - 1 - y, 0));
    return {p[0], p[1], p[2]};
  }
};

bool near(const Rgb& a, const Rgb& b, int tolerance = 3) {
  for (int i = 0; i < 3; ++i)
    if (std::abs(static_cast<int>(a[i]) - static_cast<int>(b[i])) > tolerance) return false;
  return true;
}

int fail(const std::string& why) {
  std::fprintf(stderr, "check_screenshot: %s\n", why.c_str());
  return 1;
}

std::string str(const Rgb& c) { return std::to_string(c[0]) + "," + std::to_string(c[1]) + "," + std::to_string(c[2]); }

/// The level of one receiver from facades.vtp (point data, matched by the "receiver" id array).
double facadeValue(const char* file, const std::string& receiver, const std::string& indicator) {
  vtkNew<vtkXMLPolyDataReader> r;
  r->SetFileName(file);
  r->Update();
  auto* ids = vtkStringArray::SafeDownCast(r->GetOutput()->GetPointData()->GetAbstractArray("receiver"));
  vtkDataArray* values = r->GetOutput()->GetPointData()->GetArray(indicator.c_str());
  if (!ids || !values) return NAN;
  for (vtkIdType k = 0; k < ids->GetNumberOfValues(); ++k)
    if (ids->GetValue(k) == receiver) return values->GetComponent(k, 0);
  return NAN;
}

/// Adds `db` to every level array (the six indicators and the 24 hourly levels) of a data set.
void shiftLevels(vtkDataSetAttributes* attributes, double db) {
  for (int a = 0; a < attributes->GetNumberOfArrays(); ++a) {
    vtkDataArray* values = attributes->GetArray(a);
    if (!values || !values->GetName()) continue;
    const std::string name = values->GetName();
    const bool level = name == "Lday" || name == "Levening" || name == "Lnight" || name == "Lden" || name == "Ld" ||
                       name == "Ln" || (name.size() == 3 && name[0] == 'h' && std::isdigit(name[1]) && std::isdigit(name[2]));
    if (!level) continue;
    for (vtkIdType k = 0; k < values->GetNumberOfTuples(); ++k) values->SetComponent(k, 0, values->GetComponent(k, 0) + db);
  }
}

template <class Reader, class Writer>
void shiftFile(const std::filesystem::path& file, double db) {
  vtkNew<Reader> reader;
  reader->SetFileName(file.c_str());
  reader->Update();
  shiftLevels(reader->GetOutput()->GetPointData(), db);
  shiftLevels(reader->GetOutput()->GetCellData(), db);
  vtkNew<Writer> writer;
  writer->SetFileName(file.c_str());
  writer->SetInputData(reader->GetOutput());
  writer->Write();
}

int shiftResult(const std::filesystem::path& from, const std::filesystem::path& to, double db) {
  namespace fs = std::filesystem;
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
  int files = 0;
  for (const auto& entry : fs::directory_iterator(to)) {
    if (entry.path().extension() == ".vtp") shiftFile<vtkXMLPolyDataReader, vtkXMLPolyDataWriter>(entry.path(), db), ++files;
    if (entry.path().extension() == ".vti") shiftFile<vtkXMLImageDataReader, vtkXMLImageDataWriter>(entry.path(), db), ++files;
  }
  std::printf("%d files of %s shifted by %+.2f dB into %s\n", files, from.c_str(), db, to.c_str());
  return files > 0 ? 0 : fail("no VTK files in " + from.string());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return fail("usage: check_screenshot IMAGE.png not-blank|legend SCALE|pixel X Y … | shift RESULT OUT DB");
  if (std::string(argv[1]) == "shift") {
    if (argc < 5) return fail("shift RESULT OUT DB");
    return shiftResult(argv[2], argv[3], std::atof(argv[4]));
  }
  const Image image(argv[1]);
  if (image.width < 64 || image.height < 64) return fail("not an image or too small");
  const std::string check = argv[2];
  if (check == "not-blank") {
    // Many colours over most of the image: a rendered district, not a cleared window.
    std::set<int> colours;
    const Rgb corner = image.at(0, image.height - 1);
    int differing = 0, total = 0;
    for (int y = 0; y < image.height; y += 3)
      for (int x = 0; x < image.width; x += 3, ++total) {
        const Rgb c = image.at(x, y);
        colours.insert(c[0] << 16 | c[1] << 8 | c[2]);
        differing += !near(c, corner, 12);
      }
    std::printf("%zu colours, %d of %d samples differ from the background\n", colours.size(), differing, total);
    if (colours.size() < 50) return fail("fewer than 50 colours: blank or flat");
    if (differing < total / 5) return fail("less than a fifth of the image differs from the background");
    return 0;
  }
  if (check == "legend" && argc >= 4) {
    const std::string s = argv[3];
    const MapScale scale = s == "difference" ? MapScale::Difference : s == "exceedance" ? MapScale::Exceedance : MapScale::Level;
    // Every class colour appears in the right-hand strip where the legend is.
    for (const ColourClass& c : io::mapPalette().classes(scale)) {
      int found = 0;
      for (int y = 0; y < image.height; ++y)
        for (int x = image.width * 85 / 100; x < image.width; ++x) found += near(image.at(x, y), c.colour, 2);
      if (found < 50) return fail("the legend lacks class " + c.label + " (" + str(c.colour) + ")");
    }
    return 0;
  }
  if (check == "pixel" && argc >= 7) {
    const int x = std::atoi(argv[3]), y = std::atoi(argv[4]);
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return fail("pixel outside the image");
    Rgb expected{};
    std::string what;
    if (std::string(argv[5]) == "facade" && argc >= 9) {
      const double v = facadeValue(argv[6], argv[7], argv[8]);
      if (std::isnan(v)) return fail(std::string("no value for ") + argv[7] + " in " + argv[6]);
      expected = io::mapPalette().colour(std::string(argv[8]).rfind("exceed", 0) == 0 ? MapScale::Exceedance : MapScale::Level, v);
      what = std::string(argv[7]) + " " + argv[8] + " " + std::to_string(v);
    } else if (std::string(argv[5]) == "difference" && argc >= 10) {
      const double a = facadeValue(argv[6], argv[8], argv[9]), b = facadeValue(argv[7], argv[8], argv[9]);
      if (std::isnan(a) || std::isnan(b)) return fail(std::string("no value for ") + argv[8] + " in " + argv[6] + " or " + argv[7]);
      expected = io::mapPalette().colour(MapScale::Difference, b - a);
      what = std::string(argv[8]) + " " + argv[9] + " difference " + std::to_string(b - a);
    } else if (std::string(argv[5]) == "colour") {
      unsigned r = 0, g = 0, b = 0;
      if (std::sscanf(argv[6], "%u,%u,%u", &r, &g, &b) != 3) return fail("colour: expected R,G,B");
      expected = {static_cast<unsigned char>(r), static_cast<unsigned char>(g), static_cast<unsigned char>(b)};
      what = "colour";
    } else {
      return fail("pixel X Y facade FACADES.vtp RECEIVER INDICATOR | pixel X Y difference BASE.vtp OTHER.vtp RECEIVER INDICATOR | pixel X Y colour R,G,B");
    }
    // The pixel or one of its close neighbours (anti-aliased edges) has exactly that colour.
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int xx = std::clamp(x + dx, 0, image.width - 1), yy = std::clamp(y + dy, 0, image.height - 1);
        if (near(image.at(xx, yy), expected, 2)) {
          std::printf("%s: pixel %d %d is %s as expected\n", what.c_str(), xx, yy, str(image.at(xx, yy)).c_str());
          return 0;
        }
      }
    return fail(what + ": pixel " + std::to_string(x) + " " + std::to_string(y) + " is " + str(image.at(x, y)) + ", expected " + str(expected));
  }
  return fail("unknown check " + check);
}
