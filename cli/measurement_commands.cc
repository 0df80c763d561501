// valore write|read|values|history|lock|unlock|locks
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "common/period.h"
#include "common/resource_names.h"
#include "common/value_text.h"
#include "common/pagination.h"

ABSL_FLAG(std::string, note, "", "write: a note kept with the revision");
ABSL_FLAG(std::string, request_id, "",
          "write/lock/unlock: idempotency key; a retry with it stores once");
ABSL_FLAG(std::string, from, "",
          "read: first period (e.g. 2023S1); restore: the backup directory");
ABSL_FLAG(std::string, to, "",
          "read: last period; backup: the backup directory on the server's "
          "machine (absolute); restore: the new data directory");
ABSL_FLAG(std::string, as_of, "",
          "read/values: read as the data stood at this RFC 3339 time");
ABSL_FLAG(std::vector<std::string>, entity, {},
          "values: only these entities (comma-separated)");
ABSL_FLAG(std::vector<std::string>, item, {},
          "values: only these items (comma-separated)");
ABSL_FLAG(std::string, reason, "", "lock/unlock: why (required)");

namespace valore::cli {
namespace {

std::string Service(const CliContext& ctx) {
  return absl::StrCat("capture service at ", ctx.capture_address());
}

absl::Status SetAsOf(google::protobuf::Timestamp* out) {
  const std::string text = absl::GetFlag(FLAGS_as_of);
  if (text.empty()) return absl::OkStatus();
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--as_of: \"", text, "\" is not an RFC 3339 time (", error, ")"));
  }
  out->set_seconds(absl::ToUnixSeconds(t));
  out->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(
      t - absl::FromUnixSeconds(absl::ToUnixSeconds(t)))));
  return absl::OkStatus();
}

std::string Time(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S",
                          absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

int PrintMeasurements(
    const CliContext& ctx, const google::protobuf::Message& all,
    const google::protobuf::RepeatedPtrField<v1::Measurement>& ms,
    bool with_history_columns) {
  if (ctx.format() == Format::kJson) {
    PrintJson(std::cout, all);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const v1::Measurement& m : ms) {
    std::vector<std::string> row = {m.period(), m.entity(), m.item(),
                                    ValueText(m.value())};
    if (with_history_columns) {
      row.insert(row.end(), {absl::StrCat(m.revision()), Time(m.create_time()),
                             m.author(), m.request_id(), m.note()});
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> header = {"period", "entity", "item", "value"};
  if (with_history_columns) {
    header.insert(header.end(),
                  {"revision", "time (UTC)", "author", "request_id", "note"});
  }
  PrintTable(std::cout, header, rows);
  return 0;
}

}  // namespace

int WriteCommand(const CliContext& ctx, const Args& args) {
  if (args.size() != 4) {
    std::cerr << "usage: valore write ENTITY ITEM PERIOD VALUE [--note TEXT]\n"
                 "  VALUE as written: 80,5%  3.593  \"624 iscritti 294 "
                 "scrutinati\"  \"Non rilevabile\"  a text\n";
    return 2;
  }
  v1::WriteMeasurementRequest request;
  v1::Measurement* m = request.mutable_measurement();
  m->set_entity(args[0]);
  m->set_item(args[1]);
  m->set_period(args[2]);
  // The service reads the text against the item's target.
  m->set_value_text(args[3]);
  m->set_note(absl::GetFlag(FLAGS_note));
  request.set_author(ctx.author());
  request.set_request_id(absl::GetFlag(FLAGS_request_id));
  v1::Measurement out;
  grpc::Status status =
      ctx.Capture()->WriteMeasurement(ctx.Call().get(), request, &out);
  if (!status.ok()) return Fail(status, Service(ctx));
  if (ctx.format() == Format::kJson) {
    PrintJson(std::cout, out);
  } else {
    std::cout << out.name() << " = " << ValueText(out.value()) << " (read as "
              << ShowUnderstood(out.value()) << "; revision " << out.revision()
              << ")\n";
  }
  return 0;
}

int ReadCommand(const CliContext& ctx, const Args& args) {
  if (args.size() != 2) {
    std::cerr
        << "usage: valore read ENTITY ITEM [--from P] [--to P] [--as_of T]\n";
    return 2;
  }
  v1::ReadSeriesRequest request;
  request.set_parent(SeriesName(args[0], args[1]));
  request.set_start_period(absl::GetFlag(FLAGS_from));
  request.set_end_period(absl::GetFlag(FLAGS_to));
  if (absl::Status s = SetAsOf(request.mutable_as_of()); !s.ok())
    return Fail(s);
  if (absl::GetFlag(FLAGS_as_of).empty()) request.clear_as_of();
  v1::ReadSeriesResponse out;
  grpc::Status status =
      ctx.Capture()->ReadSeries(ctx.Call().get(), request, &out);
  if (!status.ok()) return Fail(status, Service(ctx));
  return PrintMeasurements(ctx, out, out.measurements(), false);
}

int ValuesCommand(const CliContext& ctx, const Args& args) {
  if (args.size() != 1) {
    std::cerr << "usage: valore values PERIOD [--entity E,..] [--item I,..] "
                 "[--as_of T]\n";
    return 2;
  }
  v1::BatchGetMeasurementsRequest request;
  request.set_period(args[0]);
  for (const std::string& e : absl::GetFlag(FLAGS_entity))
    request.add_entities(e);
  for (const std::string& i : absl::GetFlag(FLAGS_item)) request.add_items(i);
  if (absl::Status s = SetAsOf(request.mutable_as_of()); !s.ok())
    return Fail(s);
  if (absl::GetFlag(FLAGS_as_of).empty()) request.clear_as_of();
  v1::BatchGetMeasurementsResponse out;
  grpc::Status status =
      ctx.Capture()->BatchGetMeasurements(ctx.Call().get(), request, &out);
  if (!status.ok()) return Fail(status, Service(ctx));
  return PrintMeasurements(ctx, out, out.measurements(), false);
}

int HistoryCommand(const CliContext& ctx, const Args& args) {
  if (args.size() != 3) {
    std::cerr << "usage: valore history ENTITY ITEM PERIOD\n";
    return 2;
  }
  v1::ListMeasurementRevisionsRequest request;
  request.set_name(MeasurementName(args[0], args[1], args[2]));
  v1::ListMeasurementRevisionsResponse out;
  auto capture = ctx.Capture();
  grpc::Status status = ReadAllPages(
      request,
      [&](const v1::ListMeasurementRevisionsRequest& r,
          v1::ListMeasurementRevisionsResponse* page) {
        return capture->ListMeasurementRevisions(ctx.Call().get(), r, page);
      },
      &v1::ListMeasurementRevisionsResponse::mutable_revisions, &out);
  if (!status.ok()) return Fail(status, Service(ctx));
  return PrintMeasurements(ctx, out, out.revisions(), true);
}

int LockCommand(const CliContext& ctx, const Args& args, bool lock) {
  if (args.size() != 1) {
    std::cerr << "usage: valore " << (lock ? "lock" : "unlock")
              << " PERIOD --reason TEXT\n";
    return 2;
  }
  v1::PeriodLock out;
  grpc::Status status;
  if (lock) {
    v1::LockPeriodRequest request;
    request.set_period(args[0]);
    request.set_reason(absl::GetFlag(FLAGS_reason));
    request.set_author(ctx.author());
    request.set_request_id(absl::GetFlag(FLAGS_request_id));
    status = ctx.Capture()->LockPeriod(ctx.Call().get(), request, &out);
  } else {
    v1::UnlockPeriodRequest request;
    request.set_period(args[0]);
    request.set_reason(absl::GetFlag(FLAGS_reason));
    request.set_author(ctx.author());
    request.set_request_id(absl::GetFlag(FLAGS_request_id));
    status = ctx.Capture()->UnlockPeriod(ctx.Call().get(), request, &out);
  }
  if (!status.ok()) return Fail(status, Service(ctx));
  if (ctx.format() == Format::kJson) {
    PrintJson(std::cout, out);
  } else {
    std::cout << "period " << out.period()
              << (out.locked() ? " locked" : " unlocked") << " by "
              << out.author() << ": " << out.reason() << "\n";
  }
  return 0;
}

int LocksCommand(const CliContext& ctx, const Args&) {
  v1::ListPeriodLocksResponse out;
  auto capture = ctx.Capture();
  grpc::Status status = ReadAllPages(
      v1::ListPeriodLocksRequest(),
      [&](const v1::ListPeriodLocksRequest& r,
          v1::ListPeriodLocksResponse* page) {
        return capture->ListPeriodLocks(ctx.Call().get(), r, page);
      },
      &v1::ListPeriodLocksResponse::mutable_locks, &out);
  if (!status.ok()) return Fail(status, Service(ctx));
  if (ctx.format() == Format::kJson) {
    PrintJson(std::cout, out);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const v1::PeriodLock& l : out.locks()) {
    rows.push_back({l.period(), l.locked() ? "locked" : "open", l.author(),
                    Time(l.update_time()), l.reason()});
  }
  PrintTable(std::cout, {"period", "state", "by", "since (UTC)", "reason"},
             rows);
  return 0;
}

}  // namespace valore::cli
