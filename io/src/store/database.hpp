#pragma once
// The store's database behind one small interface (internal to citynoise_io): statements with
// bound parameters only — no value is ever spliced into SQL text. SQLite (a file, the embedded
// default) now; PostgreSQL (libpq) behind the same interface.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace citynoise::io::store {

class Statement {
 public:
  virtual ~Statement() = default;
  /// Parameters are numbered from 1, in the order of the ? in the SQL.
  virtual void bind(int i, double v) = 0;
  virtual void bind(int i, std::int64_t v) = 0;
  virtual void bind(int i, const std::string& v) = 0;
  virtual void bind(int i, const std::vector<std::uint8_t>& bytes) = 0;  ///< a BLOB (PostgreSQL: bytea)
  virtual void bindNull(int i) = 0;
  /// Runs the statement: true while a row is available.
  virtual bool step() = 0;
  /// Clears the bindings' results to run the statement again with new parameters.
  virtual void reset() = 0;
  [[nodiscard]] virtual bool isNull(int column) const = 0;
  [[nodiscard]] virtual double real(int column) const = 0;
  [[nodiscard]] virtual std::int64_t integer(int column) const = 0;
  [[nodiscard]] virtual std::string text(int column) const = 0;
  [[nodiscard]] virtual std::vector<std::uint8_t> blob(int column) const = 0;

  /// Ends a bulk insert (see Database::prepareInsert): the rows are in the database after it.
  virtual void finish() {}

  void bindOptional(int i, double v);  ///< NaN → NULL
};

/// Where the backends' SQL differs (column types only: the statements are the same).
enum class Dialect { Sqlite, Postgres };

class Database {
 public:
  virtual ~Database() = default;
  [[nodiscard]] virtual Dialect dialect() const { return Dialect::Sqlite; }
  virtual void exec(const std::string& sql) = 0;  ///< statements without parameters (DDL)
  virtual std::unique_ptr<Statement> prepare(const std::string& sql) = 0;
  /// Rows for `table`: bind the columns (1 …) and step() once per row, then finish(). An INSERT
  /// statement by default; PostgreSQL streams them with COPY (one round trip, not one per row).
  virtual std::unique_ptr<Statement> prepareInsert(const std::string& table, const std::vector<std::string>& columns);
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  [[nodiscard]] virtual const std::string& name() const = 0;  ///< for messages
};

/// Opens a SQLite store file (created when `create`); InputError naming it otherwise.
std::unique_ptr<Database> openSqlite(const std::string& file, bool create);
/// Connects to PostgreSQL (a libpq connection string: "dbname=… host=…").
std::unique_ptr<Database> openPostgres(const std::string& conninfo);
/// "PG:conninfo" → PostgreSQL, anything else a SQLite file.
std::unique_ptr<Database> openDatabase(const std::string& store, bool create);

/// A transaction rolled back unless committed (an exception or a kill leaves the store as it was).
class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) { db_.begin(); }
  ~Transaction() {
    if (!done_) try {
        db_.rollback();
      } catch (...) {
      }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    db_.commit();
    done_ = true;
  }

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace citynoise::io::store
