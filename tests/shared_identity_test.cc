// Identity per call: portals, proxies and the REST gateway multiplex many
// people's calls over one HTTP/2 connection, so every call must be judged by
// the credentials it carries itself — its bearer token, else the
// connection's client certificate — never by an earlier call's.
#include <functional>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/secure_suite.h"
#include "valore/v1/admin.grpc.pb.h"

namespace valore::testing {
namespace {

struct Caller {
  std::string token;      // empty: no token on the call
  std::string principal;  // as the token file names it
};

const Caller kAdmin{"admin-token", "m.rossi"};
const Caller kEditor{"carpi-token", "l.bianchi"};  // editor of carpi
const Caller kViewer{"viewer-token", "revisore"};
const Caller kJob{"job-token", "snapshot-job"};
const Caller kNobody{"", ""};

// One connection per service, shared by every caller of a round.
struct SharedChannels {
  std::unique_ptr<v1::CatalogService::Stub> catalog;
  std::unique_ptr<v1::CaptureService::Stub> capture;
  std::unique_ptr<v1::AggregationService::Stub> aggregation;
  std::unique_ptr<v1::AdminService::Stub> catalog_admin, capture_admin,
      aggregation_admin;
  // The admin on a connection of its own, to prepare state for a call.
  std::unique_ptr<v1::CaptureService::Stub> capture_setup;
};

// A period of its own for every lock, unlock or snapshot, so that each
// allowed call changes something and is audited: 2100S1, 2100S2, 2101S1, ...
std::string FreshPeriod() {
  static int next = 0;
  const int n = next++;
  return absl::StrCat(2100 + n / 2, "S", n % 2 + 1);
}

// A write method of one of the services: who may call it, and a call that
// carries `request_id` wherever the method records one.
struct WriteMethod {
  std::string name;
  std::vector<const Caller*> allowed;
  std::function<grpc::Status(SharedChannels&, grpc::ClientContext*,
                             const std::string& request_id)>
      call;
  bool audited = true;
};

v1::Measurement Value(const std::string& entity, double value) {
  v1::Measurement m;
  m.set_entity(entity);
  m.set_item("00002");
  m.set_period("2024S1");
  m.mutable_value()->mutable_number()->set_value(value);
  return m;
}

v1::ValidatedOutcome Validated() {
  v1::ValidatedOutcome v;
  v.set_item_type(v1::ITEM_TYPE_INDICATOR);
  v.set_item("00002");
  v.set_period("2024S1");
  v.set_scope("scopes/union");
  v.set_outcome(v1::OUTCOME_ACHIEVED);
  v.set_justification("verificato con il dirigente");
  return v;
}

std::vector<WriteMethod> WriteMethods(const std::string& backup_dir) {
  std::vector<WriteMethod> methods;
  auto add = [&](std::string name, std::vector<const Caller*> allowed,
                 auto call, bool audited = true) {
    methods.push_back({std::move(name), std::move(allowed), call, audited});
  };
  add("CatalogService.ImportCatalog", {&kAdmin},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::ImportCatalogRequest r;
        *r.mutable_catalog() = ReadShippedData().catalog;
        r.set_request_id(id);
        v1::ImportCatalogResponse out;
        return c.catalog->ImportCatalog(ctx, r, &out);
      });
  add("CaptureService.WriteMeasurement carpi", {&kAdmin, &kEditor},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::WriteMeasurementRequest r;
        *r.mutable_measurement() = Value("carpi", 81.5);
        r.set_request_id(id);
        r.set_author("someone-else");  // never the principal
        v1::Measurement out;
        return c.capture->WriteMeasurement(ctx, r, &out);
      });
  add("CaptureService.WriteMeasurement soliera", {&kAdmin},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::WriteMeasurementRequest r;
        *r.mutable_measurement() = Value("soliera", 79);
        r.set_request_id(id);
        v1::Measurement out;
        return c.capture->WriteMeasurement(ctx, r, &out);
      });
  add("CaptureService.BatchWriteMeasurements carpi", {&kAdmin, &kEditor},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::BatchWriteMeasurementsRequest r;
        *r.add_measurements() = Value("carpi", 82);
        r.set_request_id(id);
        v1::BatchWriteMeasurementsResponse out;
        return c.capture->BatchWriteMeasurements(ctx, r, &out);
      });
  add("CaptureService.BatchWriteMeasurements unione", {&kAdmin},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::BatchWriteMeasurementsRequest r;
        *r.add_measurements() = Value("carpi", 83);
        *r.add_measurements() = Value("unione", 84);
        r.set_request_id(id);
        v1::BatchWriteMeasurementsResponse out;
        return c.capture->BatchWriteMeasurements(ctx, r, &out);
      });
  add("CaptureService.LockPeriod", {&kAdmin, &kJob},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::LockPeriodRequest r;
        r.set_period(FreshPeriod());
        r.set_reason("chiusura del semestre");
        r.set_request_id(id);
        v1::PeriodLock out;
        return c.capture->LockPeriod(ctx, r, &out);
      });
  add("CaptureService.UnlockPeriod", {&kAdmin},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::LockPeriodRequest lock;
        lock.set_period(FreshPeriod());
        lock.set_reason("chiusura del semestre");
        v1::PeriodLock locked;
        grpc::Status s =
            c.capture_setup->LockPeriod(Deadline().get(), lock, &locked);
        if (!s.ok()) return s;
        v1::UnlockPeriodRequest r;
        r.set_period(lock.period());
        r.set_reason("rettifica");
        r.set_request_id(id);
        v1::PeriodLock out;
        return c.capture->UnlockPeriod(ctx, r, &out);
      });
  add("AggregationService.SetValidatedOutcome", {&kAdmin},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::SetValidatedOutcomeRequest r;
        *r.mutable_validated_outcome() = Validated();
        r.set_request_id(id);
        v1::ValidatedOutcome out;
        return c.aggregation->SetValidatedOutcome(ctx, r, &out);
      });
  add("AggregationService.BatchSetValidatedOutcomes", {&kAdmin},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::BatchSetValidatedOutcomesRequest r;
        *r.add_validated_outcomes() = Validated();
        r.set_request_id(id);
        v1::BatchSetValidatedOutcomesResponse out;
        return c.aggregation->BatchSetValidatedOutcomes(ctx, r, &out);
      });
  add("AggregationService.ImportPublishedFigures", {&kAdmin},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        v1::ImportPublishedFiguresRequest r;
        r.set_period("2023S2");
        const import::DataFolder data = ReadShippedData();
        for (const v1::PublishedFigure& f : data.published.at("2023S2")) {
          *r.add_figures() = f;
        }
        r.set_request_id(id);
        v1::ImportPublishedFiguresResponse out;
        return c.aggregation->ImportPublishedFigures(ctx, r, &out);
      });
  add("AggregationService.TakeSnapshot", {&kAdmin, &kJob},
      [](SharedChannels& c, grpc::ClientContext* ctx, const std::string& id) {
        // A period with a value, and none taken yet.
        v1::WriteMeasurementRequest write;
        *write.mutable_measurement() = Value("carpi", 81.5);
        write.mutable_measurement()->set_period(FreshPeriod());
        v1::Measurement written;
        grpc::Status s = c.capture_setup->WriteMeasurement(Deadline().get(),
                                                           write, &written);
        if (!s.ok()) return s;
        v1::TakeSnapshotRequest r;
        r.set_period(write.measurement().period());
        r.set_request_id(id);
        v1::Snapshot out;
        return c.aggregation->TakeSnapshot(ctx, r, &out);
      });
  using AdminStub = std::unique_ptr<v1::AdminService::Stub> SharedChannels::*;
  for (auto [service, stub] : std::vector<std::pair<std::string, AdminStub>>{
           {"catalog", &SharedChannels::catalog_admin},
           {"capture", &SharedChannels::capture_admin},
           {"aggregation", &SharedChannels::aggregation_admin}}) {
    const std::string dir = absl::StrCat(backup_dir, "/", service);
    add(
        absl::StrCat("AdminService.CreateBackup ", service), {&kAdmin},
        [dir, stub = stub](SharedChannels& c, grpc::ClientContext* ctx,
                           const std::string&) {
          v1::CreateBackupRequest r;
          r.set_backup_dir(dir);
          v1::BackupInfo out;
          return (c.*stub)->CreateBackup(ctx, r, &out);
        },
        /*audited=*/false);
    add(
        absl::StrCat("AdminService.ListBackups ", service), {&kAdmin},
        [dir, stub = stub](SharedChannels& c, grpc::ClientContext* ctx,
                           const std::string&) {
          v1::ListBackupsRequest r;
          r.set_backup_dir(dir);
          v1::ListBackupsResponse out;
          return (c.*stub)->ListBackups(ctx, r, &out);
        },
        /*audited=*/false);
  }
  return methods;
}

class SharedIdentityTest : public SecureSuiteTest {
 protected:
  // New connections, one per service, made with `client_cert` (a dev
  // certificate name, or none) and no token of their own.
  SharedChannels Connect(const std::string& client_cert = "") {
    SharedChannels c;
    auto channel = [&](const std::string& address) {
      return Channel(address, "", client_cert);
    };
    auto catalog = channel(catalog_->address());
    auto capture = channel(capture_->address());
    auto aggregation = channel(aggregation_->address());
    c.catalog = v1::CatalogService::NewStub(catalog);
    c.capture = v1::CaptureService::NewStub(capture);
    c.aggregation = v1::AggregationService::NewStub(aggregation);
    c.catalog_admin = v1::AdminService::NewStub(catalog);
    c.capture_admin = v1::AdminService::NewStub(capture);
    c.aggregation_admin = v1::AdminService::NewStub(aggregation);
    c.capture_setup = CaptureAs(kAdmin.token);
    return c;
  }

  // A call context carrying `caller`'s token, if any, on this call only.
  static std::unique_ptr<grpc::ClientContext> As(const Caller& caller) {
    std::unique_ptr<grpc::ClientContext> context = Deadline(60);
    if (!caller.token.empty()) {
      context->set_credentials(grpc::AccessTokenCredentials(caller.token));
    }
    return context;
  }

  // request_id -> principal, from every audit event of the three services.
  std::map<std::string, std::string> AuditedPrincipals() {
    std::map<std::string, std::string> out;
    auto collect = [&](auto& stub) {
      v1::ListAuditEventsRequest request;
      do {
        v1::ListAuditEventsResponse page;
        grpc::Status s =
            stub->ListAuditEvents(As(kViewer).get(), request, &page);
        EXPECT_TRUE(s.ok()) << s.error_message();
        if (!s.ok()) return;
        for (const v1::AuditEvent& e : page.events()) {
          if (!e.request_id().empty()) out[e.request_id()] = e.principal();
        }
        request.set_page_token(page.next_page_token());
      } while (!request.page_token().empty());
    };
    SharedChannels c = Connect();
    collect(c.catalog);
    collect(c.capture);
    collect(c.aggregation);
    return out;
  }
};

TEST_F(SharedIdentityTest, EveryCallIsJudgedByItsOwnToken) {
  const std::vector<WriteMethod> methods = WriteMethods(dir_.Sub("backups"));
  const std::vector<const Caller*> everyone = {&kAdmin, &kEditor, &kViewer,
                                               &kJob, &kNobody};
  // Every rotation, and the reverse: each caller is first on some connection.
  std::vector<std::vector<const Caller*>> orders;
  for (size_t r = 0; r < everyone.size(); ++r) {
    std::vector<const Caller*> order;
    for (size_t i = 0; i < everyone.size(); ++i) {
      order.push_back(everyone[(r + i) % everyone.size()]);
    }
    orders.push_back(order);
  }
  orders.emplace_back(everyone.rbegin(), everyone.rend());

  std::map<std::string, std::string> expected_author;  // request_id -> who
  std::vector<std::string> refused;                    // their request_ids
  int n = 0;
  for (size_t o = 0; o < orders.size(); ++o) {
    SharedChannels shared = Connect();
    for (const WriteMethod& method : methods) {
      for (const Caller* caller : orders[o]) {
        const std::string id = absl::StrCat("shared-", ++n);
        const bool allowed =
            std::find(method.allowed.begin(), method.allowed.end(), caller) !=
            method.allowed.end();
        const grpc::Status status = method.call(shared, As(*caller).get(), id);
        const std::string what = absl::StrCat(
            method.name, " by ",
            caller->principal.empty() ? "nobody" : caller->principal,
            " in order ", o, ": ", status.error_message());
        if (caller == &kNobody) {
          EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
              << what;
        } else if (allowed) {
          EXPECT_TRUE(status.ok()) << what;
        } else {
          EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
              << what;
        }
        if (!method.audited) continue;
        if (status.ok()) {
          expected_author[id] = caller->principal;
        } else {
          refused.push_back(id);
        }
      }
    }
  }
  const std::map<std::string, std::string> audited = AuditedPrincipals();
  for (const auto& [id, principal] : expected_author) {
    auto it = audited.find(id);
    ASSERT_NE(it, audited.end()) << "no audit event for " << id;
    EXPECT_EQ(it->second, principal) << id;
  }
  for (const std::string& id : refused) {
    EXPECT_EQ(audited.count(id), 0u) << "a refused call was stored: " << id;
  }
}

// Writes a carpi value as `caller` and returns the author capture recorded.
std::string WriteCarpi(SharedChannels& c, const Caller& caller,
                       grpc::StatusCode* code) {
  v1::WriteMeasurementRequest r;
  *r.mutable_measurement() = Value("carpi", 81.5);
  v1::Measurement out;
  std::unique_ptr<grpc::ClientContext> context = Deadline(30);
  if (!caller.token.empty()) {
    context->set_credentials(grpc::AccessTokenCredentials(caller.token));
  }
  *code = c.capture->WriteMeasurement(context.get(), r, &out).error_code();
  return out.author();
}

TEST_F(SharedIdentityTest, ATokenWinsOverTheConnectionsCertificate) {
  // valore-capture's certificate maps to a viewer: alone it may not write.
  SharedChannels c = Connect("capture");
  grpc::StatusCode code;
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(WriteCarpi(c, kAdmin, &code), "m.rossi");
    EXPECT_EQ(code, grpc::StatusCode::OK);
    WriteCarpi(c, kNobody, &code);
    EXPECT_EQ(code, grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(WriteCarpi(c, kEditor, &code), "l.bianchi");
    EXPECT_EQ(code, grpc::StatusCode::OK);
    WriteCarpi(c, kViewer, &code);
    EXPECT_EQ(code, grpc::StatusCode::PERMISSION_DENIED);
  }
}

TEST_F(SharedIdentityTest, ACertificateAloneStandsForItsService) {
  // valore-aggregation's certificate maps to a job: it may lock a period.
  SharedChannels c = Connect("aggregation");
  auto lock = [&](const Caller& caller, std::string* author) {
    v1::LockPeriodRequest r;
    r.set_period(FreshPeriod());
    r.set_reason("chiusura");
    v1::PeriodLock out;
    std::unique_ptr<grpc::ClientContext> context = Deadline(30);
    if (!caller.token.empty()) {
      context->set_credentials(grpc::AccessTokenCredentials(caller.token));
    }
    grpc::Status s = c.capture->LockPeriod(context.get(), r, &out);
    *author = out.author();
    return s.error_code();
  };
  std::string author;
  EXPECT_EQ(lock(kNobody, &author), grpc::StatusCode::OK);
  EXPECT_EQ(author, "valore-aggregation");
  EXPECT_EQ(lock(kViewer, &author), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(lock(kEditor, &author), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(lock(kNobody, &author), grpc::StatusCode::OK);
  EXPECT_EQ(author, "valore-aggregation");
  EXPECT_EQ(lock(kJob, &author), grpc::StatusCode::OK);
  EXPECT_EQ(author, "snapshot-job");
}

TEST_F(SharedIdentityTest, ARequestIdBelongsToItsCaller) {
  // The editor sends exactly the admin's request, request id included: it
  // gets its own write, in its own name, not the admin's stored answer.
  SharedChannels c = Connect();
  v1::WriteMeasurementRequest r;
  *r.mutable_measurement() = Value("carpi", 81.5);
  r.set_request_id("portale-0001");
  v1::Measurement first, second, retried;
  ASSERT_TRUE(c.capture->WriteMeasurement(As(kAdmin).get(), r, &first).ok());
  ASSERT_TRUE(c.capture->WriteMeasurement(As(kEditor).get(), r, &second).ok());
  EXPECT_EQ(first.author(), "m.rossi");
  EXPECT_EQ(second.author(), "l.bianchi");
  EXPECT_GT(second.revision(), first.revision());
  // The admin's retry still gets the admin's answer, storing nothing.
  ASSERT_TRUE(c.capture->WriteMeasurement(As(kAdmin).get(), r, &retried).ok());
  EXPECT_EQ(retried.revision(), first.revision());
  v1::ListAuditEventsRequest audit;
  audit.set_entity("carpi");
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(
      c.capture->ListAuditEvents(As(kViewer).get(), audit, &events).ok());
  std::vector<std::string> who;
  for (const v1::AuditEvent& e : events.events()) {
    if (e.request_id() == "portale-0001") who.push_back(e.principal());
  }
  EXPECT_EQ(who, (std::vector<std::string>{"m.rossi", "l.bianchi"}));
}

}  // namespace
}  // namespace valore::testing
