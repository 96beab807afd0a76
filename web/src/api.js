// The service's JSON API from the page: the token of a signed-in official (kept for the session
// only) on every request, errors as exceptions carrying the service's message.
let token = sessionStorage.getItem("citynoise-token") || "";

export function setToken(value) {
  token = value || "";
  if (token) sessionStorage.setItem("citynoise-token", token);
  else sessionStorage.removeItem("citynoise-token");
}

export function hasToken() {
  return token !== "";
}

export function authHeaders() {
  return token ? { Authorization: "Bearer " + token } : {};
}

export async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { ...authHeaders(), ...(options.headers || {}) } });
  const type = response.headers.get("Content-Type") || "";
  const body = type.startsWith("application/json") ? await response.json() : await response.text();
  if (!response.ok) throw new Error((body && body.error) || response.statusText);
  return body;
}
