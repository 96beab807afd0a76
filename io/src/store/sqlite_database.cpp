// The store on SQLite (libsqlite3): a single file, WAL journal, prepared statements.
#include "database.hpp"

#include <citynoise/core/error.hpp>

#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <unordered_map>

namespace citynoise::io::store {

std::unique_ptr<Statement> Database::prepareInsert(const std::string& table, const std::vector<std::string>& columns) {
  std::string cols, marks;
  for (const std::string& c : columns) cols += (cols.empty() ? "" : ", ") + c, marks += marks.empty() ? "?" : ", ?";
  return prepare("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")");
}

void Statement::bindOptional(int i, double v) {
  if (std::isfinite(v)) bind(i, v);
  else bindNull(i);
}

namespace {

/// Prepared statements of a connection kept for reuse by their SQL (a service asks the same few
/// queries thousands of times: parsing them again each time cost more than running them).
using StatementCache = std::unordered_map<std::string, sqlite3_stmt*>;

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, const std::string& sql, const std::string& name, StatementCache& cache)
      : db_(db), name_(name), cache_(cache), sql_(sql) {
    if (const auto it = cache.find(sql); it != cache.end()) {  // taken out while in use
      stmt_ = it->second;
      cache.erase(it);
      return;
    }
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
      throw InputError(name_, "", std::string("store: ") + sqlite3_errmsg(db));
  }
  ~SqliteStatement() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    if (!cache_.emplace(sql_, stmt_).second) sqlite3_finalize(stmt_);
  }
  void bind(int i, double v) override { check(sqlite3_bind_double(stmt_, i, v)); }
  void bind(int i, std::int64_t v) override { check(sqlite3_bind_int64(stmt_, i, v)); }
  void bind(int i, const std::string& v) override {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void bind(int i, const std::vector<std::uint8_t>& v) override {
    check(sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT));
  }
  void bindNull(int i) override { check(sqlite3_bind_null(stmt_, i)); }
  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw InputError(name_, "", std::string("store: ") + sqlite3_errmsg(db_));
  }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  [[nodiscard]] bool isNull(int c) const override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  [[nodiscard]] double real(int c) const override { return isNull(c) ? std::nan("") : sqlite3_column_double(stmt_, c); }
  [[nodiscard]] std::int64_t integer(int c) const override { return sqlite3_column_int64(stmt_, c); }
  [[nodiscard]] std::string text(int c) const override {
    const auto* p = sqlite3_column_text(stmt_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))) : std::string();
  }
  [[nodiscard]] std::vector<std::uint8_t> blob(int c) const override {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, c));
    return p ? std::vector<std::uint8_t>(p, p + sqlite3_column_bytes(stmt_, c)) : std::vector<std::uint8_t>();
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw InputError(name_, "", std::string("store: ") + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  const std::string& name_;
  StatementCache& cache_;
  std::string sql_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(const std::string& file, bool create) : name_(file) {
    if (!create && !std::filesystem::exists(file)) throw InputError(file, "", "no such store (citynoise store init creates one)");
    // One thread at a time per connection (the service lends each to one request): no SQLite mutex.
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : "cannot open";
      sqlite3_close(db_);
      throw InputError(file, "", "cannot open the store: " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
    exec("PRAGMA foreign_keys = ON");
    exec("PRAGMA journal_mode = WAL");
  }
  ~SqliteDatabase() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }
  void exec(const std::string& sql) override {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string msg = err ? err : "error";
      sqlite3_free(err);
      throw InputError(name_, "", "store: " + msg);
    }
  }
  std::unique_ptr<Statement> prepare(const std::string& sql) override { return std::make_unique<SqliteStatement>(db_, sql, name_, cache_); }
  void begin() override { exec("BEGIN IMMEDIATE"); }
  void commit() override { exec("COMMIT"); }
  void rollback() override { exec("ROLLBACK"); }
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  std::string name_;
  sqlite3* db_ = nullptr;
  StatementCache cache_;
};

}  // namespace

std::unique_ptr<Database> openSqlite(const std::string& file, bool create) { return std::make_unique<SqliteDatabase>(file, create); }

std::unique_ptr<Database> openDatabase(const std::string& store, bool create) {
  if (store.rfind("PG:", 0) == 0) return openPostgres(store.substr(3));
  return openSqlite(store, create);
}

}  // namespace citynoise::io::store
