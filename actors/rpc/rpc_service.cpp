#include "actors/rpc/rpc_service.hpp"

#include <algorithm>
#include <caf/actor_system.hpp>

#include "actors/common/log.hpp"
#include "actors/common/time_source.hpp"
#include "actors/rpc/method_table.hpp"

namespace btcnet::actors {
namespace {

bool optional_param(std::string_view p) {
  return !p.empty() && p.back() == '?';
}
std::string_view param_name(std::string_view p) {
  return optional_param(p) ? p.substr(0, p.size() - 1) : p;
}

std::string type_name(const json& v) {
  return v.is_number() ? "number" : v.type_name();
}

// Named arguments become positions; too many or too few is the usage error Core gives.
json positional(const method_spec& m, const json& params) {
  json out = json::array();
  if (params.is_object()) {
    out = json::array();
    for (std::size_t i = 0; i < m.params.size(); ++i) out.push_back(nullptr);
    for (const auto& [key, value] : params.items()) {
      auto it = std::find_if(m.params.begin(), m.params.end(),
                             [&](std::string_view p) { return param_name(p) == key; });
      if (it == m.params.end())
        throw rpc_failure(rpc::error_code::invalid_parameter, "Unknown named parameter " + key);
      out[static_cast<std::size_t>(it - m.params.begin())] = value;
    }
    while (!out.empty() && out.back().is_null()) out.erase(out.size() - 1);
  } else {
    out = params;
  }
  if (out.size() > m.params.size())
    throw rpc_failure(rpc::error_code::misc_error, "Too many parameters\n");
  for (std::size_t i = 0; i < m.params.size(); ++i)
    if (!optional_param(m.params[i]) && (i >= out.size() || out[i].is_null()))
      throw rpc_failure(rpc::error_code::misc_error,
                        "Missing required parameter \"" + std::string(m.params[i]) + "\"");
  return out;
}

}  // namespace

// ---- arguments ----

std::string rpc_args::text(std::size_t i) const {
  if (!has(i) || !at(i).is_string())
    throw rpc_failure(rpc::error_code::type_error, "JSON value of type " +
                                                       (has(i) ? type_name(at(i)) : "null") +
                                                       " is not of expected type string");
  return at(i).get<std::string>();
}

std::string rpc_args::text_or(std::size_t i, std::string fallback) const {
  return has(i) ? text(i) : fallback;
}

std::int64_t rpc_args::integer_or(std::size_t i, std::int64_t fallback) const {
  if (!has(i)) return fallback;
  if (!at(i).is_number_integer())
    throw rpc_failure(rpc::error_code::type_error,
                      "JSON value of type " + type_name(at(i)) + " is not of expected type number");
  return at(i).get<std::int64_t>();
}

bool rpc_args::flag_or(std::size_t i, bool fallback) const {
  if (!has(i)) return fallback;
  if (!at(i).is_boolean())
    throw rpc_failure(rpc::error_code::type_error,
                      "JSON value of type " + type_name(at(i)) + " is not of expected type bool");
  return at(i).get<bool>();
}

// ---- dispatch ----

std::int64_t rpc_state::unix_now() const {
  return config.clock.unix_now(self->clock());
}

caf::result<rpc::outcome> rpc_state::call(const rpc::request& req) {
  auto it =
      std::lower_bound(methods.begin(), methods.end(), req.method,
                       [](const method_spec* m, const std::string& n) { return m->name < n; });
  if (it == methods.end() || (*it)->name != req.method)
    return failure(rpc::error_code::method_not_found, "Method not found");
  const method_spec& m = **it;
  log::rpc().debug("RPC call {}", m.name);
  try {
    return m.fn(*this, rpc_args(positional(m, req.params)));
  } catch (const rpc_failure& f) {
    std::string message = f.what();
    if (f.code == rpc::error_code::misc_error) message += "\n" + help(req.method);
    return failure(f.code, message);
  } catch (const std::exception& e) {  // a bug in a method must not take the node down
    log::rpc().error("RPC {} failed: {}", m.name, e.what());
    return failure(rpc::error_code::internal_error, e.what());
  }
}

std::string rpc_state::help(const std::string& method) const {
  std::string out;
  if (method.empty()) {
    auto by_category = methods;
    std::stable_sort(
        by_category.begin(), by_category.end(),
        [](const method_spec* a, const method_spec* b) { return a->category < b->category; });
    std::string_view category;
    for (const auto* m : by_category) {
      if (m->category != category) {
        out += (out.empty() ? "== " : "\n== ") + std::string(m->category) + " ==\n";
        category = m->category;
      }
      out += std::string(m->name);
      for (auto p : m->params)
        out += optional_param(p) ? " ( \"" + std::string(param_name(p)) + "\" )"
                                 : " \"" + std::string(p) + "\"";
      out += "\n";
    }
    return out;
  }
  for (const auto* m : methods)
    if (m->name == method) {
      out = std::string(m->name);
      for (auto p : m->params) out += " " + std::string(p);
      return out + "\n\n" + std::string(m->help) + "\n";
    }
  return "help: unknown command: " + method;
}

namespace {

rpc_impl::behavior_type rpc_fn(rpc_pointer self, rpc_config config, rpc_links links) {
  auto& st = self->state;
  st.self = self;
  st.config = std::move(config);
  st.links = std::move(links);
  for (const auto* table : {&peer_methods(), &network_methods(), &ban_methods(), &control_methods(),
                            &inspect_methods()})
    for (const auto& m : *table) st.methods.push_back(&m);
  std::sort(st.methods.begin(), st.methods.end(),
            [](const method_spec* a, const method_spec* b) { return a->name < b->name; });
  st.probe.attach(self, st.links.registry, actor_kind::rpc, "rpc");
  st.probe.on_summary([&st] {
    return nlohmann::json{{"methods", st.methods.size()}, {"stopping", st.stopping}};
  });
  return instrument<rpc_impl::behavior_type>(
      st.probe, [&st](const rpc::request& req) { return st.call(req); });
}

}  // namespace

rpc_actor spawn_rpc(caf::actor_system& sys, rpc_config config, rpc_links links) {
  return caf::actor_cast<rpc_actor>(sys.spawn(rpc_fn, std::move(config), std::move(links)));
}

}  // namespace btcnet::actors
