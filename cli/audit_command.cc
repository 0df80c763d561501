// valore audit [--service catalog|capture|aggregation|all] [--principal P]
// [--entity E] [--item I] [--since T] [--until T]
#include <algorithm>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "cli/output.h"

ABSL_FLAG(std::string, service, "all",
          "audit: catalog, capture, aggregation or all");
ABSL_FLAG(std::string, since, "", "audit: from this RFC 3339 time");
ABSL_FLAG(std::string, until, "", "audit: before this RFC 3339 time");
ABSL_DECLARE_FLAG(std::string, principal);
ABSL_DECLARE_FLAG(std::vector<std::string>, entity);
ABSL_DECLARE_FLAG(std::vector<std::string>, item);

namespace valore::cli {
namespace {

absl::Status SetTime(const std::string& flag, const std::string& text,
                     google::protobuf::Timestamp* out) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, ": \"", text, "\" is not an RFC 3339 time (", error, ")"));
  }
  out->set_seconds(absl::ToUnixSeconds(t));
  return absl::OkStatus();
}

// Every page of one service's audit events.
template <typename Stub>
grpc::Status Collect(const CliContext& ctx, Stub& stub,
                     v1::ListAuditEventsRequest request,
                     std::vector<v1::AuditEvent>* out) {
  request.set_page_size(1000);
  do {
    v1::ListAuditEventsResponse response;
    grpc::Status status =
        stub.ListAuditEvents(ctx.Call().get(), request, &response);
    if (!status.ok()) return status;
    for (const v1::AuditEvent& e : response.events()) out->push_back(e);
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

}  // namespace

int AuditCommand(const CliContext& ctx, const Args&) {
  v1::ListAuditEventsRequest request;
  request.set_principal(absl::GetFlag(FLAGS_principal));
  const std::vector<std::string> entities = absl::GetFlag(FLAGS_entity);
  const std::vector<std::string> items = absl::GetFlag(FLAGS_item);
  if (entities.size() > 1 || items.size() > 1) {
    return Fail(absl::InvalidArgumentError(
        "audit: give at most one --entity and one --item"));
  }
  if (!entities.empty()) request.set_entity(entities[0]);
  if (!items.empty()) request.set_item(items[0]);
  if (const std::string since = absl::GetFlag(FLAGS_since); !since.empty()) {
    if (absl::Status s =
            SetTime("--since", since, request.mutable_start_time());
        !s.ok()) {
      return Fail(s);
    }
  }
  if (const std::string until = absl::GetFlag(FLAGS_until); !until.empty()) {
    if (absl::Status s = SetTime("--until", until, request.mutable_end_time());
        !s.ok()) {
      return Fail(s);
    }
  }
  const std::string service = absl::GetFlag(FLAGS_service);
  if (service != "all" && service != "catalog" && service != "capture" &&
      service != "aggregation") {
    return Fail(absl::InvalidArgumentError(
        absl::StrCat("--service: \"", service,
                     "\" is not catalog, capture, aggregation or all")));
  }
  std::vector<v1::AuditEvent> events;
  if (service == "all" || service == "catalog") {
    auto stub = ctx.Catalog();
    grpc::Status s = Collect(ctx, *stub, request, &events);
    if (!s.ok())
      return Fail(s,
                  absl::StrCat("catalog service at ", ctx.catalog_address()));
  }
  if (service == "all" || service == "capture") {
    auto stub = ctx.Capture();
    grpc::Status s = Collect(ctx, *stub, request, &events);
    if (!s.ok())
      return Fail(s,
                  absl::StrCat("capture service at ", ctx.capture_address()));
  }
  if (service == "all" || service == "aggregation") {
    auto stub = ctx.Aggregation();
    grpc::Status s = Collect(ctx, *stub, request, &events);
    if (!s.ok()) {
      return Fail(s, absl::StrCat("aggregation service at ",
                                  ctx.aggregation_address()));
    }
  }
  std::stable_sort(
      events.begin(), events.end(),
      [](const v1::AuditEvent& a, const v1::AuditEvent& b) {
        return std::make_pair(a.time().seconds(), a.time().nanos()) <
               std::make_pair(b.time().seconds(), b.time().nanos());
      });
  if (ctx.format() == Format::kJson) {
    v1::ListAuditEventsResponse all;
    for (const v1::AuditEvent& e : events) *all.add_events() = e;
    PrintJson(std::cout, all);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const v1::AuditEvent& e : events) {
    rows.push_back({absl::FormatTime("%Y-%m-%d %H:%M:%S",
                                     absl::FromUnixSeconds(e.time().seconds()),
                                     absl::UTCTimeZone()),
                    e.principal(), e.method(), e.entity(), e.item(), e.period(),
                    e.previous_value(), e.new_value(), e.detail(),
                    e.request_id()});
  }
  PrintTable(std::cout,
             {"time (UTC)", "principal", "method", "entity", "item", "period",
              "before", "after", "detail", "request_id"},
             rows);
  return 0;
}

}  // namespace valore::cli
