// Control: uptime, stop, help.
#include "actors/rpc/method_table.hpp"

namespace btcnet::actors {
namespace {

caf::result<rpc::outcome> uptime(rpc_state& st, const rpc_args&) {
  return success(st.unix_now() - st.config.info.start_time);
}

caf::result<rpc::outcome> stop(rpc_state& st, const rpc_args&) {
  if (!st.stopping && st.config.request_stop) {
    st.stopping = true;
    st.config.request_stop();
  }
  return success("btcnetd stopping");
}

caf::result<rpc::outcome> help(rpc_state& st, const rpc_args& args) {
  return success(st.help(args.text_or(0, "")));
}

}  // namespace

const std::vector<method_spec>& control_methods() {
  static const std::vector<method_spec> table{
      {"uptime", "Control", {}, "Returns the total uptime of the server in seconds.", uptime},
      {"stop", "Control", {}, "Request a graceful shutdown of btcnetd.", stop},
      {"help",
       "Control",
       {"command?"},
       "List all commands, or get help for a specified command.",
       help},
  };
  return table;
}

}  // namespace btcnet::actors
