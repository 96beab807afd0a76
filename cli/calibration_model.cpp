// The calibration's model at the stations (see calibration_model.hpp).
#include "calibration_model.hpp"

#include <citynoise/core/decibel.hpp>
#include <citynoise/core/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <cmath>
#include <map>

namespace citynoise::cli {
namespace {

/// An ISO 8601 time on its own clock (the offset it carries added back): seconds since
/// 1970-01-01 00:00 local, so that its hour of the day is the district's.
std::int64_t localSeconds(const std::string& text) {
  const auto utc = io::parseIsoTime(text);
  if (!utc) throw InputError(text, "", "not an ISO 8601 time with an offset");
  std::int64_t offset = 0;
  if (text.back() != 'Z') {
    const std::size_t sign = text.find_last_of("+-");
    const std::string tail = text.substr(sign + 1);
    const int h = std::stoi(tail.substr(0, 2)), m = std::stoi(tail.substr(tail.size() - 2));
    offset = (text[sign] == '-' ? -1 : 1) * (h * 3600 + m * 60);
  }
  return *utc + offset;
}

}  // namespace

SourceGroups sourceGroups(const std::vector<SourceObject>& sources) {
  SourceGroups g;
  std::map<std::string, std::size_t> index;
  for (const SourceObject& o : sources) {
    const bool site = o.sourceClass == SourceClass::Construction;
    const std::string name = !o.group.empty() ? o.group : site ? "construction:" + o.id : toString(o.sourceClass);
    auto [it, added] = index.emplace(name, g.names.size());
    if (added) {
      g.names.push_back(name);
      const bool traffic = o.sourceClass == SourceClass::Road || o.sourceClass == SourceClass::Rail;
      g.priorSigma.push_back(traffic ? 3.0 : 6.0);
    }
    g.ofObject.push_back(it->second);
  }
  return g;
}

void applyGains(io::Scenario& s, const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "", "cannot read the calibration");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string(), "", std::string("not JSON: ") + e.what());
  }
  if (!doc.contains("groups") || !doc["groups"].is_object()) throw InputError(file.string(), "groups", "missing: not a calibration.json of citynoise calibrate");
  const SourceGroups groups = sourceGroups(s.sources);
  std::vector<double> gain(groups.names.size(), 0.0);
  for (const auto& [name, g] : doc["groups"].items()) {
    const auto it = std::find(groups.names.begin(), groups.names.end(), name);
    if (it == groups.names.end()) throw InputError(file.string(), "groups." + name, "the scenario has no such source group");
    if (!g.is_object() || !g.contains("gain_db") || !g["gain_db"].is_number() || !std::isfinite(g["gain_db"].get<double>()) ||
        std::abs(g["gain_db"].get<double>()) > 30)
      throw InputError(file.string(), "groups." + name + ".gain_db", "expected a gain of -30 to 30 dB");
    gain[static_cast<std::size_t>(it - groups.names.begin())] = g["gain_db"].get<double>();
  }
  for (std::size_t o = 0; o < s.sources.size(); ++o) {
    const double g = gain[groups.ofObject[o]];
    for (SourceElement& e : s.sources[o].elements)
      for (BandArray& hour : e.power)
        for (double& band : hour) band += g;  // −inf (silent) stays silent
    if (s.sources[o].nightMaxPower)
      for (double& band : *s.sources[o].nightMaxPower) band += g;
  }
  s.gainsFile = file;
  for (std::size_t g = 0; g < groups.names.size(); ++g) s.emissionGains.emplace_back(groups.names[g], gain[g]);
}

GroupHours groupHours(const raytrace::MapEngine& engine, const std::vector<raytrace::ReceiverTransfers>& transfers, const SourceGroups& groups) {
  // Flat element index → its object's group (the engine numbers the objects' elements in order).
  std::vector<std::size_t> groupOf;
  const auto& sources = engine.sources();
  for (std::size_t o = 0; o < sources.size(); ++o) groupOf.insert(groupOf.end(), sources[o].elements.size(), groups.ofObject[o]);
  GroupHours out(transfers.size(), std::vector<std::array<double, 24>>(groups.names.size()));
  for (std::size_t s = 0; s < transfers.size(); ++s) {
    const raytrace::ReceiverTransfers& t = transfers[s];
    const std::size_t perElement = t.elements.empty() ? 0 : t.transfer.size() / t.elements.size();  // probabilities × bands
    for (std::size_t g = 0; g < groups.names.size(); ++g) {
      raytrace::ReceiverTransfers own;
      for (std::size_t e = 0; e < t.elements.size(); ++e) {
        if (groupOf[t.elements[e]] != g) continue;
        own.elements.push_back(t.elements[e]);
        own.detour.push_back(t.detour[e]);
        own.transfer.insert(own.transfer.end(), t.transfer.begin() + static_cast<std::ptrdiff_t>(e * perElement),
                            t.transfer.begin() + static_cast<std::ptrdiff_t>((e + 1) * perElement));
      }
      auto& hours = out[s][g];
      hours.fill(kSilenceDb);
      if (own.elements.empty()) continue;
      const ReceiverLevels l = engine.levelsFrom(own);
      for (std::size_t h = 0; h < 24; ++h) hours[h] = std::isfinite(l.hourly[h]) ? l.hourly[h] : kSilenceDb;
    }
  }
  return out;
}

std::vector<calibration::Observation> observations(const std::vector<io::Measurement>& measured, const std::vector<io::Station>& stations,
                                                   const GroupHours& hours) {
  std::map<std::string, std::size_t> row;
  for (std::size_t s = 0; s < stations.size(); ++s) row[stations[s].id] = s;
  std::vector<calibration::Observation> out;
  for (const io::Measurement& m : measured) {
    const std::size_t s = row.at(m.station);
    const std::int64_t start = localSeconds(m.start), end = localSeconds(m.end);
    calibration::Observation o;
    o.measured = m.laeq, o.station = s, o.weight = static_cast<double>(end - start) / 3600.0;
    o.energy.assign(hours[s].size(), 0.0);
    // The interval's seconds in each hour of the day it covers (across midnight and days).
    for (std::int64_t t = start; t < end;) {
      const std::int64_t next = std::min(end, (t / 3600 + 1) * 3600);
      const auto hour = static_cast<std::size_t>(((t / 3600) % 24 + 24) % 24);
      const double share = static_cast<double>(next - t) / static_cast<double>(end - start);
      for (std::size_t g = 0; g < o.energy.size(); ++g) o.energy[g] += share * dbToEnergy(hours[s][g][hour]);
      t = next;
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace citynoise::cli
