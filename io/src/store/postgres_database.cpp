// The store on PostgreSQL (libpq): the same statements, "?" parameters numbered $1, $2 … and
// sent apart from the SQL text (PQexecParams); numbers travel as text with 17 digits, so a
// double comes back to the last bit.
#include "database.hpp"

#include <citynoise/core/error.hpp>

#include <libpq-fe.h>

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <vector>

namespace citynoise::io::store {
namespace {

/// "?" → "$1", "$2" … outside quoted strings.
std::string numbered(const std::string& sql) {
  std::string out;
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

/// bytea's hex text form ("\\x0a1b…"), in and out: text parameters and results carry it.
std::string byteaHex(const std::vector<std::uint8_t>& v) {
  static const char* digits = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + 2 * v.size());
  for (std::uint8_t b : v) out += digits[b >> 4], out += digits[b & 15];
  return out;
}

std::vector<std::uint8_t> fromByteaHex(const char* text) {
  std::vector<std::uint8_t> out;
  if (!text || text[0] != '\\' || text[1] != 'x') return out;
  auto nibble = [](char c) { return static_cast<std::uint8_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10); };
  for (const char* p = text + 2; p[0] && p[1]; p += 2) out.push_back(static_cast<std::uint8_t>(nibble(p[0]) << 4 | nibble(p[1])));
  return out;
}

class PgResult {
 public:
  explicit PgResult(PGresult* r = nullptr) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(PgResult&& o) noexcept {
    std::swap(r_, o.r_);
    return *this;
  }
  [[nodiscard]] PGresult* get() const { return r_; }

 private:
  PGresult* r_;
};

class PgStatement final : public Statement {
 public:
  PgStatement(PGconn* c, std::string sql, const std::string& name) : conn_(c), sql_(numbered(sql)), name_(name) {}
  void bind(int i, double v) override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    set(i, buf);
  }
  void bind(int i, std::int64_t v) override { set(i, std::to_string(v)); }
  void bind(int i, const std::string& v) override { set(i, v); }
  void bind(int i, const std::vector<std::uint8_t>& v) override { set(i, byteaHex(v)); }
  void bindNull(int i) override {
    grow(i);
    isNull_[static_cast<std::size_t>(i - 1)] = true;
  }
  bool step() override {
    if (!ran_) {
      std::vector<const char*> values(params_.size());
      for (std::size_t k = 0; k < params_.size(); ++k) values[k] = isNull_[k] ? nullptr : params_[k].c_str();
      result_ = PgResult(PQexecParams(conn_, sql_.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
      const ExecStatusType st = PQresultStatus(result_.get());
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw InputError(name_, "", std::string("store: ") + PQerrorMessage(conn_));
      ran_ = true;
      row_ = -1;
    }
    return ++row_ < PQntuples(result_.get());
  }
  void reset() override {
    ran_ = false;
    params_.clear();
    isNull_.clear();
  }
  [[nodiscard]] bool isNull(int c) const override { return PQgetisnull(result_.get(), row_, c) != 0; }
  [[nodiscard]] double real(int c) const override { return isNull(c) ? std::nan("") : std::strtod(PQgetvalue(result_.get(), row_, c), nullptr); }
  [[nodiscard]] std::int64_t integer(int c) const override {
    const std::string v = PQgetvalue(result_.get(), row_, c);
    return v == "t" ? 1 : v == "f" ? 0 : std::strtoll(v.c_str(), nullptr, 10);
  }
  [[nodiscard]] std::string text(int c) const override { return PQgetvalue(result_.get(), row_, c); }
  [[nodiscard]] std::vector<std::uint8_t> blob(int c) const override { return fromByteaHex(PQgetvalue(result_.get(), row_, c)); }

 private:
  void grow(int i) {
    if (static_cast<std::size_t>(i) > params_.size()) params_.resize(static_cast<std::size_t>(i)), isNull_.resize(static_cast<std::size_t>(i), false);
  }
  void set(int i, const std::string& v) {
    grow(i);
    params_[static_cast<std::size_t>(i - 1)] = v;
    isNull_[static_cast<std::size_t>(i - 1)] = false;
  }
  PGconn* conn_;
  std::string sql_;
  const std::string& name_;
  std::vector<std::string> params_;
  std::vector<bool> isNull_;
  PgResult result_;
  bool ran_ = false;
  int row_ = -1;
};

/// Rows streamed with COPY … FROM STDIN (text format): values escaped as COPY defines them, so
/// no value becomes SQL; errors surface at finish().
class PgCopy final : public Statement {
 public:
  PgCopy(PGconn* c, const std::string& table, const std::vector<std::string>& columns, const std::string& name)
      : conn_(c), width_(columns.size()), name_(name), row_(columns.size()), null_(columns.size(), true) {
    std::string cols;
    for (const std::string& col : columns) cols += (cols.empty() ? "" : ", ") + col;
    const PgResult r(PQexec(conn_, ("COPY " + table + " (" + cols + ") FROM STDIN").c_str()));
    if (PQresultStatus(r.get()) != PGRES_COPY_IN) fail();
  }
  ~PgCopy() override {
    if (!finished_) PQputCopyEnd(conn_, "abandoned");
  }
  void bind(int i, double v) override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    set(i, buf);
  }
  void bind(int i, std::int64_t v) override { set(i, std::to_string(v)); }
  void bind(int i, const std::string& v) override {
    std::string e;
    for (char c : v) {
      if (c == '\\') e += "\\\\";
      else if (c == '\t') e += "\\t";
      else if (c == '\n') e += "\\n";
      else if (c == '\r') e += "\\r";
      else e += c;
    }
    set(i, e);
  }
  void bind(int i, const std::vector<std::uint8_t>& v) override { bind(i, byteaHex(v)); }  // COPY escapes its backslash
  void bindNull(int i) override { null_.at(static_cast<std::size_t>(i - 1)) = true; }
  bool step() override {
    std::string line;
    for (std::size_t k = 0; k < width_; ++k) line += (k ? "\t" : "") + (null_[k] ? std::string("\\N") : row_[k]);
    line += '\n';
    if (PQputCopyData(conn_, line.data(), static_cast<int>(line.size())) != 1) fail();
    return false;
  }
  void reset() override { std::fill(null_.begin(), null_.end(), true); }
  void finish() override {
    finished_ = true;
    if (PQputCopyEnd(conn_, nullptr) != 1) fail();
    const PgResult r(PQgetResult(conn_));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail();
    while (PGresult* more = PQgetResult(conn_)) PQclear(more);
  }
  [[nodiscard]] bool isNull(int) const override { return true; }
  [[nodiscard]] double real(int) const override { return std::nan(""); }
  [[nodiscard]] std::int64_t integer(int) const override { return 0; }
  [[nodiscard]] std::string text(int) const override { return {}; }
  [[nodiscard]] std::vector<std::uint8_t> blob(int) const override { return {}; }

 private:
  [[noreturn]] void fail() const {
    const std::string msg = PQerrorMessage(conn_);
    throw InputError(name_, "", "store: " + msg.substr(0, msg.find('\n')));
  }
  void set(int i, std::string v) {
    row_.at(static_cast<std::size_t>(i - 1)) = std::move(v);
    null_[static_cast<std::size_t>(i - 1)] = false;
  }
  PGconn* conn_;
  std::size_t width_;
  const std::string& name_;
  std::vector<std::string> row_;
  std::vector<bool> null_;
  bool finished_ = false;
};

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(const std::string& conninfo) : name_("PG:" + conninfo), conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      const std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw InputError(name_, "", "cannot connect: " + msg.substr(0, msg.find('\n')));
    }
    exec("SET client_min_messages = WARNING");
  }
  ~PgDatabase() override { PQfinish(conn_); }
  void exec(const std::string& sql) override {
    const PgResult r(PQexec(conn_, sql.c_str()));
    const ExecStatusType st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      const std::string msg = PQerrorMessage(conn_);
      throw InputError(name_, "", "store: " + msg.substr(0, msg.find('\n')));
    }
  }
  std::unique_ptr<Statement> prepare(const std::string& sql) override { return std::make_unique<PgStatement>(conn_, sql, name_); }
  std::unique_ptr<Statement> prepareInsert(const std::string& table, const std::vector<std::string>& columns) override {
    return std::make_unique<PgCopy>(conn_, table, columns, name_);
  }
  void begin() override { exec("BEGIN"); }
  void commit() override { exec("COMMIT"); }
  void rollback() override { exec("ROLLBACK"); }
  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] Dialect dialect() const override { return Dialect::Postgres; }

 private:
  std::string name_;
  PGconn* conn_;
};

}  // namespace

std::unique_ptr<Database> openPostgres(const std::string& conninfo) { return std::make_unique<PgDatabase>(conninfo); }

}  // namespace citynoise::io::store
