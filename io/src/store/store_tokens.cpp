// The service's tokens: random 256-bit secrets given out once, kept as salted SHA-256 hashes,
// checked in constant time.
#include <citynoise/core/error.hpp>
#include <citynoise/io/checksum.hpp>
#include <citynoise/io/store.hpp>

#include "database.hpp"
#include "store_internal.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <ctime>
#include <stdexcept>

namespace citynoise::io {
namespace {

std::string randomHex(int bytes) {
  std::vector<unsigned char> b(static_cast<std::size_t>(bytes));
  if (RAND_bytes(b.data(), bytes) != 1) throw std::runtime_error("no random bytes from OpenSSL");
  return hexDigits(b.data(), b.size());
}

}  // namespace

const char* toString(Role r) { return r == Role::Admin ? "admin" : r == Role::Editor ? "editor" : "viewer"; }

std::string MapStore::addToken(const std::string& name, Role role) {
  if (name.empty() || name.size() > 100) throw InputError("--name", name, "expected a name of 1 to 100 characters");
  const std::string token = "cn_" + randomHex(32), salt = randomHex(16);
  auto s = db_->prepare("INSERT INTO tokens (name, role, salt, hash, created) VALUES (?, ?, ?, ?, ?)");
  s->bind(1, name);
  s->bind(2, static_cast<std::int64_t>(role));
  s->bind(3, salt);
  s->bind(4, sha256Text(salt + token));
  s->bind(5, store::utcTime(std::time(nullptr)));
  s->step();
  return token;
}

void MapStore::revokeToken(const std::string& name) {
  auto n = db_->prepare("SELECT COUNT(*) FROM tokens WHERE name = ? AND revoked = 0");
  n->bind(1, name);
  n->step();
  if (n->integer(0) == 0) throw InputError(db_->name(), "--name " + name, "no active token of this name");
  auto s = db_->prepare("UPDATE tokens SET revoked = 1 WHERE name = ?");
  s->bind(1, name);
  s->step();
}

std::vector<StoredToken> MapStore::tokens() const {
  auto s = db_->prepare("SELECT name, role, created, revoked FROM tokens ORDER BY created, name");
  std::vector<StoredToken> out;
  while (s->step()) out.push_back({s->text(0), static_cast<Role>(s->integer(1)), s->text(2), s->integer(3) != 0});
  return out;
}

std::optional<StoredToken> MapStore::authenticate(const std::string& token) const {
  if (token.size() != 67 || token.rfind("cn_", 0) != 0) return std::nullopt;
  auto s = db_->prepare("SELECT role, salt, hash, name, created FROM tokens WHERE revoked = 0");
  std::optional<StoredToken> role;
  while (s->step()) {  // every row compared, whatever matched: no timing tells which
    const std::string hash = sha256Text(s->text(1) + token), stored = s->text(2);
    if (hash.size() == stored.size() && CRYPTO_memcmp(hash.data(), stored.data(), hash.size()) == 0)
      role = StoredToken{s->text(3), static_cast<Role>(s->integer(0)), s->text(4), false};
  }
  return role;
}

}  // namespace citynoise::io
