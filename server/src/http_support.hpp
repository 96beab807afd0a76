#pragma once
// What every route needs (internal to citynoise_server): JSON replies, who is asking, the
// version a path names, and query parameters checked one by one.
#include <citynoise/io/store.hpp>

#include "store_pool.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>

namespace citynoise::server {

/// A request the service refuses: the status and a message for the client.
struct Refusal : std::runtime_error {
  Refusal(int s, const std::string& message) : std::runtime_error(message), status(s) {}
  int status;
};

void reply(httplib::Response& res, int status, const nlohmann::ordered_json& body);

/// Runs a route's body: a Refusal or an InputError (a bad parameter, a bad upload) becomes a
/// JSON error with its status (400 for InputError) and message; anything else goes on to the
/// server's exception handler (500, details only in the log).
void answer(httplib::Response& res, const std::function<void()>& body);

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
/// Routes whose handler runs under answer() (refusals and bad parameters as JSON).
void get(httplib::Server& http, const std::string& pattern, const Handler& h);
void post(httplib::Server& http, const std::string& pattern, const Handler& h);
void remove(httplib::Server& http, const std::string& pattern, const Handler& h);

/// Who asks: the public (no token) or a token's holder. A token that is not valid is refused
/// (401), never taken for no token.
struct Caller {
  std::optional<io::StoredToken> token;
  [[nodiscard]] bool atLeast(io::Role r) const { return token && static_cast<int>(token->role) >= static_cast<int>(r); }
};
Caller callerOf(StorePool& store, const httplib::Request& req);
/// Refuses (401 without a token, 403 with a weaker one) unless the caller has `role`.
void require(const Caller& c, io::Role role);

/// The version named by the path's match `group`: public ones for everybody, retired ones for
/// token holders; 404 otherwise (a retired version is not there for the public).
io::MapVersion visibleVersion(StorePool& store, const httplib::Request& req, const Caller& c, int group = 1);

/// A request's query parameters, each checked; an unknown or repeated one is refused.
class Params {
 public:
  Params(const httplib::Request& req, std::initializer_list<const char*> allowed);
  [[nodiscard]] std::optional<double> number(const char* name, double lo, double hi) const;
  [[nodiscard]] std::int64_t integer(const char* name, std::int64_t lo, std::int64_t hi, std::int64_t fallback) const;
  /// "minx,miny,maxx,maxy" with min < max and each side at most `maxSide` metres.
  [[nodiscard]] std::optional<io::Box> bbox(const char* name, double maxSide) const;
  /// A word of at most `maxLength` characters from [A-Za-z0-9_-] and `alsoAllowed`, or one of
  /// `choices` when given.
  [[nodiscard]] std::string word(const char* name, std::size_t maxLength, std::initializer_list<const char*> choices = {},
                                 const std::string& alsoAllowed = "") const;
  /// Free text (a label): 1 to `maxLength` bytes, no control characters.
  [[nodiscard]] std::string text(const char* name, std::size_t maxLength) const;

 private:
  [[nodiscard]] const std::string* value(const char* name) const;
  const httplib::Request& req_;
};

/// The buildings filter of a list or a comparison (over, zone, use, bbox, limit, offset).
io::BuildingFilter buildingFilter(const Params& p);

inline constexpr double kMaxBboxSide = 20000.0;  ///< m: a district, not a country, per request

}  // namespace citynoise::server
