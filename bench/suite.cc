// The run's environment (certificates and tokens made with the real tools)
// and the three services under test, started on loopback.
#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "bench/clients.h"
#include "bench/process.h"
#include "bench/valore_bench_internal.h"
#include "valore/v1/catalog.grpc.pb.h"

namespace valore::bench::internal {

namespace {

std::string CreateToken(const Env& env, const std::string& principal,
                        const std::string& role, const std::string& entities) {
  std::string command =
      absl::StrCat(env.cli_bin, " token create --tokens ", env.tokens,
                   " --principal ", principal, " --role ", role);
  if (!entities.empty()) absl::StrAppend(&command, " --entities ", entities);
  CommandResult r = RunCommand(command + " 2>/dev/null");
  if (r.exit_code != 0) {
    Die(absl::InternalError(r.output), "valore token create");
  }
  return std::string(absl::StripAsciiWhitespace(r.output));
}

std::vector<std::string> SecurityArgs(const Env& env, bool secure,
                                      const std::string& name) {
  if (!secure) return {"--insecure"};
  return {"--tls_cert=" + env.certs + "/" + name + ".pem",
          "--tls_key=" + env.certs + "/" + name + ".key",
          "--tls_ca=" + env.certs + "/ca.pem", "--auth_tokens=" + env.tokens};
}

}  // namespace

void Prepare(Env* env) {
  env->certs = env->work + "/certs";
  const std::string command = absl::StrCat(
      absl::GetFlag(FLAGS_source_dir), "/deploy/dev-certs/make-dev-certs.sh ",
      env->certs, " >/dev/null 2>&1");
  if (RunCommand(command).exit_code != 0) {
    Die(absl::InternalError("failed"), command);
  }
  env->tokens = env->work + "/tokens";
  env->admin_token = CreateToken(*env, "bench-importer", "admin", "");
  env->editor_token =
      CreateToken(*env, "bench-editor", "editor",
                  "unione,campogalliano,carpi,novi-di-modena,soliera");
  std::ofstream tokens(env->tokens, std::ios::app);
  // Services know each other by their certificates.
  tokens << "cert:valore-capture\tvalore-capture\tviewer\t-\n";
  tokens << "cert:valore-aggregation\tvalore-aggregation\tjob\t-\n";
}

void StartSuite(const Env& env, const std::string& dir, bool secure,
                bool with_aggregation, Suite* suite) {
  suite->secure = secure;
  std::filesystem::create_directories(dir);
  // Certificates name localhost.
  const std::string listen = secure ? "localhost:0" : "127.0.0.1:0";
  std::vector<std::string> args = SecurityArgs(env, secure, "catalog");
  args.insert(args.end(), {"--listen=" + listen, "--data=" + dir + "/catalog"});
  Check(suite->catalog.Start(env.catalog_bin, args, dir + "/catalog.log"),
        "starting valore-catalog");
  args = SecurityArgs(env, secure, "capture");
  args.insert(args.end(), {"--listen=" + listen, "--data=" + dir + "/capture",
                           "--catalog=" + suite->catalog.address()});
  Check(suite->capture.Start(env.capture_bin, args, dir + "/capture.log"),
        "starting valore-capture");
  if (!with_aggregation) return;
  args = SecurityArgs(env, secure, "aggregation");
  args.insert(args.end(),
              {"--listen=" + listen, "--data=" + dir + "/aggregation",
               "--catalog=" + suite->catalog.address(),
               "--capture=" + suite->capture.address()});
  Check(suite->aggregation.Start(env.aggregation_bin, args,
                                 dir + "/aggregation.log"),
        "starting valore-aggregation");
}

void ImportCatalog(const Env& env, const Suite& suite,
                   const v1::Catalog& catalog) {
  auto stub = v1::CatalogService::NewStub(NewChannel(
      suite.catalog.address(), suite.Client(env, env.admin_token), 100));
  v1::ImportCatalogRequest request;
  *request.mutable_catalog() = catalog;
  request.set_request_id("bench-catalog");
  v1::ImportCatalogResponse response;
  grpc::ClientContext context;
  context.set_deadline(In(120));
  grpc::Status status = stub->ImportCatalog(&context, request, &response);
  if (!status.ok()) {
    Die(absl::InternalError(status.error_message().substr(0, 2000)),
        "ImportCatalog");
  }
}

}  // namespace valore::bench::internal
