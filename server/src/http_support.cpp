// Replies, callers, versions and parameters (see http_support.hpp).
#include "http_support.hpp"

#include <citynoise/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <cstdlib>

namespace citynoise::server {

void reply(httplib::Response& res, int status, const nlohmann::ordered_json& body) {
  res.status = status;
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void answer(httplib::Response& res, const std::function<void()>& body) {
  try {
    body();
  } catch (const Refusal& r) {
    if (r.status == 401) res.set_header("WWW-Authenticate", "Bearer");
    reply(res, r.status, {{"error", r.what()}});
  } catch (const InputError& e) {  // where (a parameter, an entry) and what: no paths of this machine
    reply(res, 400, {{"error", e.where().empty() ? e.message() : e.where() + ": " + e.message()}});
  }
}

void get(httplib::Server& http, const std::string& pattern, const Handler& h) {
  http.Get(pattern, [h](const httplib::Request& req, httplib::Response& res) { answer(res, [&] { h(req, res); }); });
}

void post(httplib::Server& http, const std::string& pattern, const Handler& h) {
  http.Post(pattern, [h](const httplib::Request& req, httplib::Response& res) { answer(res, [&] { h(req, res); }); });
}

void remove(httplib::Server& http, const std::string& pattern, const Handler& h) {
  http.Delete(pattern, [h](const httplib::Request& req, httplib::Response& res) { answer(res, [&] { h(req, res); }); });
}

Caller callerOf(StorePool& store, const httplib::Request& req) {
  Caller c;
  if (!req.has_header("Authorization")) return c;
  const std::string h = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (h.rfind(prefix, 0) == 0) c.token = store.with([&](io::MapStore& s) { return s.authenticate(h.substr(prefix.size())); });
  if (!c.token) throw Refusal(401, "invalid or revoked token");
  return c;
}

void require(const Caller& c, io::Role role) {
  if (!c.token) throw Refusal(401, std::string("this request needs the token of an ") + io::toString(role));
  if (!c.atLeast(role)) throw Refusal(403, std::string("a ") + io::toString(c.token->role) + " may not do this (needs " + io::toString(role) + ")");
}

io::MapVersion visibleVersion(StorePool& store, const httplib::Request& req, const Caller& c, int group) {
  const std::string id = req.matches[static_cast<std::size_t>(group)];
  const std::int64_t v = std::stoll(id);  // the routes' patterns allow 1–12 digits only
  const auto found = store.with([&](io::MapStore& s) -> std::optional<io::MapVersion> {
    try {
      io::MapVersion mv = s.version(v);
      if (!mv.retired || c.token) return mv;
    } catch (const InputError&) {
    }
    return std::nullopt;
  });
  if (!found) throw Refusal(404, "no version " + id);
  return *found;
}

Params::Params(const httplib::Request& req, std::initializer_list<const char*> allowed) : req_(req) {
  // cpp-httplib keeps the last of "a=b=c"'s parts: a raw '=' in a value is refused, not cut.
  const std::size_t q = req.target.find('?');
  if (q != std::string::npos) {
    std::stringstream pieces(req.target.substr(q + 1));
    for (std::string piece; std::getline(pieces, piece, '&');)
      if (std::count(piece.begin(), piece.end(), '=') > 1) throw Refusal(400, "a raw '=' in a parameter's value (encode it as %3D)");
  }
  for (auto it = req.params.begin(); it != req.params.end(); it = req.params.upper_bound(it->first)) {
    bool known = false;
    for (const char* a : allowed) known = known || it->first == a;
    if (!known) throw Refusal(400, "unknown parameter '" + it->first.substr(0, 40) + "'");
    if (req.params.count(it->first) > 1) throw Refusal(400, "parameter '" + it->first + "' given twice");
  }
}

const std::string* Params::value(const char* name) const {
  const auto it = req_.params.find(name);
  return it == req_.params.end() ? nullptr : &it->second;
}

namespace {

double parseNumber(const char* name, const std::string& text) {
  char* end = nullptr;
  const double v = text.size() <= 32 ? std::strtod(text.c_str(), &end) : NAN;
  if (text.empty() || !end || *end != '\0' || !std::isfinite(v)) throw Refusal(400, std::string(name) + ": not a finite number");
  return v;
}

}  // namespace

std::optional<double> Params::number(const char* name, double lo, double hi) const {
  const std::string* t = value(name);
  if (!t) return std::nullopt;
  const double v = parseNumber(name, *t);
  if (v < lo || v > hi) throw Refusal(400, std::string(name) + ": expected " + nlohmann::json(lo).dump() + " to " + nlohmann::json(hi).dump());
  return v;
}

std::int64_t Params::integer(const char* name, std::int64_t lo, std::int64_t hi, std::int64_t fallback) const {
  const std::string* t = value(name);
  if (!t) return fallback;
  const bool digits = !t->empty() && t->size() <= 12 && t->find_first_not_of("0123456789") == std::string::npos;
  const std::int64_t v = digits ? std::stoll(*t) : -1;
  if (!digits || v < lo || v > hi) throw Refusal(400, std::string(name) + ": expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v;
}

std::optional<io::Box> Params::bbox(const char* name, double maxSide) const {
  const std::string* t = value(name);
  if (!t) return std::nullopt;
  double c[4];
  std::size_t at = 0;
  for (int k = 0; k < 4; ++k) {
    const std::size_t comma = k < 3 ? t->find(',', at) : t->size();
    if (comma == std::string::npos) throw Refusal(400, std::string(name) + ": expected minx,miny,maxx,maxy");
    c[k] = parseNumber(name, t->substr(at, comma - at));
    at = comma + 1;
  }
  if (!(c[0] < c[2] && c[1] < c[3])) throw Refusal(400, std::string(name) + ": expected minx < maxx and miny < maxy");
  if (c[2] - c[0] > maxSide || c[3] - c[1] > maxSide)
    throw Refusal(400, std::string(name) + ": too large (at most " + std::to_string(static_cast<int>(maxSide)) + " m a side)");
  return io::Box{c[0], c[1], c[2], c[3]};
}

std::string Params::word(const char* name, std::size_t maxLength, std::initializer_list<const char*> choices, const std::string& alsoAllowed) const {
  const std::string* t = value(name);
  if (!t) return "";
  if (choices.size() > 0) {
    for (const char* c : choices)
      if (*t == c) return *t;
    std::string list;
    for (const char* c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
    throw Refusal(400, std::string(name) + ": expected one of " + list);
  }
  const bool plain = !t->empty() && t->size() <= maxLength &&
                     t->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-" + alsoAllowed) == std::string::npos;
  if (!plain) throw Refusal(400, std::string(name) + ": expected 1 to " + std::to_string(maxLength) + " letters, digits, _ -" + alsoAllowed);
  return *t;
}

std::string Params::text(const char* name, std::size_t maxLength) const {
  const std::string* t = value(name);
  if (!t || t->empty() || t->size() > maxLength) throw Refusal(400, std::string(name) + ": expected 1 to " + std::to_string(maxLength) + " bytes");
  for (unsigned char ch : *t)
    if (ch < 0x20 || ch == 0x7f) throw Refusal(400, std::string(name) + ": no control characters");
  return *t;
}

io::BuildingFilter buildingFilter(const Params& p) {
  io::BuildingFilter f;
  f.over = p.word("over", 8, {"day", "night"});
  f.zone = p.word("zone", 8);
  f.use = p.word("use", 40);
  f.bbox = p.bbox("bbox", kMaxBboxSide);
  f.limit = p.integer("limit", 1, 1000, 50);
  f.offset = p.integer("offset", 0, 10000000, 0);
  return f;
}

}  // namespace citynoise::server
