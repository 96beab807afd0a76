// `citynoise calibrate SCENARIO --stations S.csv --measurements M.csv --out DIR`: a gain per
// source group fitted to what the stations measured (core/calibration.hpp), with the gains'
// uncertainty and a leave-one-station-out check; DIR/calibration.json, calibration.md and
// calibration.png (measured against modelled, before and after).
#include "calibration_model.hpp"
#include "commands.hpp"
#include "run_pipeline.hpp"

#include <citynoise/core/decibel.hpp>
#include <citynoise/core/error.hpp>
#include <citynoise/io/atomic_file.hpp>
#include <citynoise/io/plot.hpp>
#include <citynoise/io/stations.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace citynoise::cli {

void addCalibrateCommand(CLI::App& app, CalibrateOptions& o) {
  CLI::App* cmd = app.add_subcommand("calibrate", "Fit a gain per source group to measured levels at stations (leave-one-station-out checked)");
  cmd->add_option("SCENARIO", o.scenario, "scenario file")->required();
  cmd->add_option("--stations", o.stations, "CSV: station,x,y,z[,crs][,kind] (z: height above the ground, m)")->required();
  cmd->add_option("--measurements", o.measurements, "CSV: station,start,end,laeq[,lmax,l10,l90] (ISO 8601 times with offsets)")->required();
  cmd->add_option("--out", o.out, "output folder (calibration.json, calibration.md, calibration.png)")->required();
  cmd->add_option("--threads", o.threads, "worker threads (default: the scenario's, else all cores)");
  cmd->add_flag("--quiet", o.quiet, "no warnings");
}

namespace {

struct StationResult {
  double measured = 0, before = 0, after = 0, loo = 0;
};

/// Energy mean (weighted by the intervals' lengths) of a station's levels.
std::vector<StationResult> perStation(const std::vector<calibration::Observation>& obs, std::size_t stations, const std::vector<double>& before,
                                      const std::vector<double>& after, const std::vector<double>& loo) {
  std::vector<std::array<double, 5>> sum(stations, {0, 0, 0, 0, 0});
  for (std::size_t i = 0; i < obs.size(); ++i) {
    auto& s = sum[obs[i].station];
    const double w = obs[i].weight;
    s[0] += w * dbToEnergy(obs[i].measured), s[1] += w * dbToEnergy(before[i]), s[2] += w * dbToEnergy(after[i]), s[3] += w * dbToEnergy(loo[i]);
    s[4] += w;
  }
  std::vector<StationResult> out(stations);
  for (std::size_t s = 0; s < stations; ++s) {
    const auto& v = sum[s];
    if (v[4] <= 0) continue;
    out[s] = {energyToDb(v[0] / v[4]), energyToDb(v[1] / v[4]), energyToDb(v[2] / v[4]), energyToDb(v[3] / v[4])};
  }
  return out;
}

double rmse(const std::vector<StationResult>& r, double StationResult::*model, const std::vector<bool>& measured) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t s = 0; s < r.size(); ++s)
    if (measured[s]) sum += std::pow(r[s].*model - r[s].measured, 2), ++n;
  return n ? std::sqrt(sum / static_cast<double>(n)) : std::nan("");
}

/// Stations at which a group carries at least a tenth of the uncalibrated model's energy.
std::vector<int> informing(const std::vector<calibration::Observation>& obs, std::size_t groups, std::size_t stations) {
  std::vector<std::vector<double>> energy(stations, std::vector<double>(groups + 1, 0.0));
  for (const auto& o : obs)
    for (std::size_t g = 0; g < groups; ++g) energy[o.station][g] += o.weight * o.energy[g], energy[o.station][groups] += o.weight * o.energy[g];
  std::vector<int> out(groups, 0);
  for (const auto& e : energy)
    for (std::size_t g = 0; g < groups; ++g) out[g] += e[groups] > 0 && e[g] >= 0.1 * e[groups];
  return out;
}

std::string fixed(double v, int digits = 1) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

}  // namespace

namespace {

/// Everything the outputs show.
struct Calibration {
  std::string scenario;
  std::vector<io::Station> stations;
  SourceGroups groups;
  calibration::Fit fit;
  std::vector<int> informing;
  std::vector<StationResult> results;
  std::vector<bool> measured;
  std::size_t intervals = 0;
  double rmseBefore = 0, rmseAfter = 0, rmseLoo = 0;
};

/// The stations as the scenario's only receivers, their transfers, the groups' hours there, the
/// measured intervals: the fit, and each station left out in turn.
Calibration calibrate(const CalibrateOptions& o) {
  Calibration c;
  PrepareOptions prepare;
  prepare.quiet = o.quiet;
  prepare.receivers = [&](io::Scenario& s) {  // read here: the stations' CRS is the scenario's
    c.stations = io::readStations(o.stations, s.crs);
    s.receivers = ReceiverSpec{};
    for (const io::Station& st : c.stations) s.receivers.points.push_back({st.id, {st.x, st.y}, st.height});
  };
  PreparedRun p = prepareRun(o.scenario, prepare);
  c.scenario = p.scenario.name;
  if (p.receivers.receivers.size() != c.stations.size())
    throw InputError(o.stations, "", std::to_string(c.stations.size() - p.receivers.receivers.size()) +
                                         " station(s) inside a building or under the terrain: move them to where the microphone is");
  const io::MeasurementFile measured = io::readMeasurements(o.measurements, c.stations);
  if (measured.duplicates) std::cerr << "citynoise calibrate: warning: " << measured.duplicates << " repeated measurement(s) kept once\n";

  const raytrace::MapEngine engine(p.scene, p.scenario.sources, engineSettings(p.scenario));
  std::vector<raytrace::ReceiverTransfers> transfers;
  (void)engine.computeAll(p.receivers.receivers, threadCount(o.threads, p.scenario), {}, &transfers);
  c.groups = sourceGroups(p.scenario.sources);
  const std::vector<calibration::Observation> obs = observations(measured.intervals, c.stations, groupHours(engine, transfers, c.groups));

  calibration::Options fitOptions;
  fitOptions.priorSigma = c.groups.priorSigma;
  c.fit = calibration::fitGains(obs, fitOptions);
  const std::vector<double> loo = calibration::leaveOneStationOut(obs, fitOptions);
  std::vector<double> before, after;
  for (const auto& ob : obs)
    before.push_back(calibration::modelLevel(ob, std::vector<double>(c.groups.names.size(), 0.0))), after.push_back(calibration::modelLevel(ob, c.fit.gain));
  c.results = perStation(obs, c.stations.size(), before, after, loo);
  c.measured.assign(c.stations.size(), false);
  for (const auto& ob : obs) c.measured[ob.station] = true;
  c.informing = informing(obs, c.groups.names.size(), c.stations.size());
  c.intervals = obs.size();
  c.rmseBefore = rmse(c.results, &StationResult::before, c.measured);
  c.rmseAfter = rmse(c.results, &StationResult::after, c.measured);
  c.rmseLoo = rmse(c.results, &StationResult::loo, c.measured);
  return c;
}

nlohmann::ordered_json calibrationJson(const Calibration& c) {
  nlohmann::ordered_json doc;
  doc["scenario"] = c.scenario;
  doc["method"] = "regularised Huber-weighted least squares on the groups' energies (core/calibration.hpp)";
  doc["residual_scale_db"] = c.fit.scale;
  doc["converged"] = c.fit.converged;
  for (std::size_t g = 0; g < c.groups.names.size(); ++g) {
    nlohmann::ordered_json j = {{"gain_db", c.fit.gain[g]}, {"sigma_db", c.fit.sigma[g]}, {"prior_sigma_db", c.groups.priorSigma[g]},
                                {"stations_informing", c.informing[g]}};
    if (c.informing[g] == 0) j["note"] = "no station hears it: it keeps its prior (0 dB, σ of the prior)";
    doc["groups"][c.groups.names[g]] = j;
  }
  doc["stations"] = nlohmann::ordered_json::array();
  for (std::size_t s = 0; s < c.stations.size(); ++s) {
    nlohmann::ordered_json j = {{"id", c.stations[s].id}, {"kind", c.stations[s].kind}};
    const StationResult& r = c.results[s];
    if (c.measured[s]) j["measured_db"] = r.measured, j["model_before_db"] = r.before, j["model_after_db"] = r.after, j["loo_db"] = r.loo;
    else j["note"] = "no measurements";
    doc["stations"].push_back(j);
  }
  doc["rmse_before_db"] = c.rmseBefore;
  doc["rmse_after_db"] = c.rmseAfter;
  doc["loo_rmse_db"] = c.rmseLoo;
  doc["intervals"] = c.intervals;
  return doc;
}

void writePlot(const Calibration& c, const std::filesystem::path& file) {
  std::vector<io::PlotSeries> series(2);
  series[0].colour = {140, 140, 140}, series[0].hollow = true, series[1].colour = {30, 90, 200};
  double lo = 1e9, hi = -1e9;
  for (std::size_t s = 0; s < c.stations.size(); ++s) {
    if (!c.measured[s]) continue;
    const StationResult& r = c.results[s];
    series[0].points.push_back({r.measured, r.before}), series[1].points.push_back({r.measured, r.after});
    lo = std::min({lo, r.measured, r.before, r.after}), hi = std::max({hi, r.measured, r.before, r.after});
  }
  if (lo <= hi) io::writeScatterPng(file, series, std::floor(lo / 5) * 5 - 5, std::ceil(hi / 5) * 5 + 5);
}

void writeReport(const Calibration& c, std::ostream& m) {
  m << "# Calibration of " << c.scenario << "\n\n" << c.intervals << " measured intervals at " << c.stations.size()
    << " stations. A gain per source group on its emission, fitted to the measured LAeq by regularised least squares with Huber's loss "
       "(residual scale " << fixed(c.fit.scale, 2) << " dB); σ from the posterior covariance.\n\n";
  m << "| group | gain dB | σ dB | prior σ dB | stations hearing it |\n|---|---|---|---|---|\n";
  for (std::size_t g = 0; g < c.groups.names.size(); ++g)
    m << "| " << c.groups.names[g] << " | " << fixed(c.fit.gain[g], 2) << " | " << fixed(c.fit.sigma[g], 2) << " | " << fixed(c.groups.priorSigma[g]) << " | "
      << c.informing[g] << (c.informing[g] ? "" : " (keeps its prior)") << " |\n";
  m << "\n| station | measured | model before | after | left out |\n|---|---|---|---|---|\n";
  for (std::size_t s = 0; s < c.stations.size(); ++s) {
    const StationResult& r = c.results[s];
    if (c.measured[s]) m << "| " << c.stations[s].id << " | " << fixed(r.measured) << " | " << fixed(r.before) << " | " << fixed(r.after) << " | " << fixed(r.loo) << " |\n";
  }
  m << "\nRMSE over the stations: before " << fixed(c.rmseBefore, 2) << " dB, after " << fixed(c.rmseAfter, 2) << " dB, leaving each station out of the fit "
    << fixed(c.rmseLoo, 2) << " dB.\n\n"
    << "![measured (x) against modelled (y), dB(A): rings before, discs after; the 1:1 line and ±3 dB](calibration.png)\n";
}

}  // namespace

int runCalibrate(const CalibrateOptions& o) {
  try {
    const auto t0 = Clock::now();
    const Calibration c = calibrate(o);
    StagedFolder out(o.out);
    io::AtomicFile json(out.path() / "calibration.json");
    json.stream() << calibrationJson(c).dump(2) << '\n';
    json.commit();
    writePlot(c, out.path() / "calibration.png");
    io::AtomicFile report(out.path() / "calibration.md");
    writeReport(c, report.stream());
    report.commit();
    out.publish();
    std::cout << o.out << ": " << c.groups.names.size() << " groups, " << c.stations.size() << " stations, " << c.intervals << " intervals; RMSE "
              << fixed(c.rmseBefore, 2) << " → " << fixed(c.rmseAfter, 2) << " dB (left out " << fixed(c.rmseLoo, 2) << ") in " << fixed(since(t0)) << " s\n";
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "citynoise calibrate: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "citynoise calibrate: error: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace citynoise::cli
