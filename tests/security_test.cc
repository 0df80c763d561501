// TLS, tokens and roles end to end: certificates made by the shipped
// deploy/dev-certs script, servers with mTLS between them, callers with bearer
// tokens. Every refused write stores nothing; every stored write is audited.
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/auth.h"
#include "services/common/health_client.h"
#include "tests/harness.h"
#include "tests/secure_suite.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

class SecurityTest : public SecureSuiteTest {
 protected:
  grpc::Status WriteAs(const std::string& token, const std::string& entity,
                       double value, v1::Measurement* out) {
    v1::WriteMeasurementRequest request;
    request.mutable_measurement()->set_entity(entity);
    request.mutable_measurement()->set_item("00002");
    request.mutable_measurement()->set_period("2024S1");
    request.mutable_measurement()->mutable_value()->mutable_number()->set_value(
        value);
    request.set_author("someone-else");  // ignored: the principal is the author
    return CaptureAs(token)->WriteMeasurement(Deadline().get(), request, out);
  }

  int Stored(const std::string& entity) {
    v1::BatchGetMeasurementsRequest request;
    request.set_period("2024S1");
    request.add_entities(entity);
    v1::BatchGetMeasurementsResponse response;
    EXPECT_TRUE(CaptureAs("viewer-token")
                    ->BatchGetMeasurements(Deadline().get(), request, &response)
                    .ok());
    return response.measurements_size();
  }
};

TEST_F(SecurityTest, NoOrBadCredentialsAreUnauthenticated) {
  v1::Measurement out;
  grpc::Status none = WriteAs("", "carpi", 1, &out);
  EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  grpc::Status bad = WriteAs("not-a-token", "carpi", 1, &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::ListEntitiesResponse entities;
  EXPECT_EQ(
      CatalogAs("")->ListEntities(Deadline().get(), {}, &entities).error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Stored("carpi"), 0);
}

// A certificate the CA signed but the token file does not list (the
// gateway's) may ask whether a service serves, and nothing else.
TEST_F(SecurityTest, GetCallerNamesEachTokensOwnPrincipalAndRole) {
  struct Case {
    const char* token;
    const char* principal;
    v1::Caller::Role role;
    std::vector<std::string> entities;
  };
  for (const Case& c :
       {Case{"admin-token", "m.rossi", v1::Caller::ROLE_ADMIN, {}},
        Case{"carpi-token", "l.bianchi", v1::Caller::ROLE_EDITOR, {"carpi"}},
        Case{"viewer-token", "revisore", v1::Caller::ROLE_VIEWER, {}},
        Case{"job-token", "snapshot-job", v1::Caller::ROLE_JOB, {}}}) {
    v1::Caller caller;
    grpc::Status status =
        CatalogAs(c.token)->GetCaller(Deadline().get(), {}, &caller);
    ASSERT_TRUE(status.ok()) << c.token << ": " << status.error_message();
    EXPECT_EQ(caller.principal(), c.principal);
    EXPECT_EQ(caller.role(), c.role) << c.token;
    EXPECT_EQ(std::vector<std::string>(caller.entities().begin(),
                                       caller.entities().end()),
              c.entities);
    EXPECT_FALSE(caller.unauthenticated_mode());
  }
  v1::Caller caller;
  EXPECT_EQ(CatalogAs("unknown-token")
                ->GetCaller(Deadline().get(), {}, &caller)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecurityTest, AnySignedCertificateMayAskHealthAndNothingElse) {
  auto channel = Channel(Local(catalog_->address()), "", "gateway");
  absl::StatusOr<ServingStatus> health =
      QueryHealth(channel, "valore.v1.CatalogService", absl::Seconds(10));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, ServingStatus::kServing);
  v1::ListEntitiesResponse entities;
  EXPECT_EQ(v1::CatalogService::NewStub(channel)
                ->ListEntities(Deadline().get(), {}, &entities)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecurityTest, EditorsWriteOnlyTheirEntitiesAndViewersNothing) {
  v1::Measurement out;
  grpc::Status other = WriteAs("carpi-token", "soliera", 1, &out);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(other.error_message(), HasSubstr("soliera"));
  grpc::Status viewer = WriteAs("viewer-token", "carpi", 1, &out);
  EXPECT_EQ(viewer.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Stored("soliera"), 0);
  EXPECT_EQ(Stored("carpi"), 0);

  // Allowed: the capture service checks the entity with the catalog over
  // mTLS, and records the principal, not the stated author.
  grpc::Status own = WriteAs("carpi-token", "carpi", 81.5, &out);
  ASSERT_TRUE(own.ok()) << own.error_message();
  EXPECT_EQ(out.author(), "l.bianchi");
  EXPECT_EQ(Stored("carpi"), 1);
}

TEST_F(SecurityTest, OnlyAdminsImportCatalogsAndUnlockPeriods) {
  v1::ImportCatalogRequest import;
  *import.mutable_catalog() = ReadShippedData().catalog;
  v1::ImportCatalogResponse imported;
  EXPECT_EQ(CatalogAs("carpi-token")
                ->ImportCatalog(Deadline().get(), import, &imported)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ExportCatalogResponse exported;
  ASSERT_TRUE(CatalogAs("viewer-token")
                  ->ExportCatalog(Deadline().get(), {}, &exported)
                  .ok());
  EXPECT_EQ(exported.catalog().version(), 1);

  v1::LockPeriodRequest lock;
  lock.set_period("2024S1");
  lock.set_reason("chiusura");
  v1::PeriodLock locked;
  EXPECT_EQ(CaptureAs("carpi-token")
                ->LockPeriod(Deadline().get(), lock, &locked)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(
      CaptureAs("job-token")->LockPeriod(Deadline().get(), lock, &locked).ok());
  EXPECT_EQ(locked.author(), "snapshot-job");

  v1::UnlockPeriodRequest unlock;
  unlock.set_period("2024S1");
  unlock.set_reason("rettifica");
  v1::PeriodLock unlocked;
  EXPECT_EQ(CaptureAs("job-token")
                ->UnlockPeriod(Deadline().get(), unlock, &unlocked)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CaptureAs("carpi-token")
                ->UnlockPeriod(Deadline().get(), unlock, &unlocked)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListPeriodLocksResponse locks;
  ASSERT_TRUE(CaptureAs("viewer-token")
                  ->ListPeriodLocks(Deadline().get(), {}, &locks)
                  .ok());
  ASSERT_EQ(locks.locks_size(), 1);
  EXPECT_TRUE(locks.locks(0).locked());
  ASSERT_TRUE(CaptureAs("admin-token")
                  ->UnlockPeriod(Deadline().get(), unlock, &unlocked)
                  .ok());
  EXPECT_FALSE(unlocked.locked());
}

TEST_F(SecurityTest, EveryWriteIsAuditedWithWhoAndWhat) {
  v1::Measurement out;
  ASSERT_TRUE(WriteAs("carpi-token", "carpi", 80, &out).ok());
  ASSERT_TRUE(WriteAs("admin-token", "carpi", 82.5, &out).ok());
  ASSERT_EQ(WriteAs("carpi-token", "soliera", 1, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::ListAuditEventsRequest request;
  request.set_entity("carpi");
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(CaptureAs("viewer-token")
                  ->ListAuditEvents(Deadline().get(), request, &events)
                  .ok());
  ASSERT_EQ(events.events_size(), 2);
  EXPECT_EQ(events.events(0).principal(), "l.bianchi");
  EXPECT_EQ(events.events(0).previous_value(), "");
  EXPECT_EQ(events.events(0).new_value(), "80");
  EXPECT_EQ(events.events(1).principal(), "m.rossi");
  EXPECT_EQ(events.events(1).previous_value(), "80");
  EXPECT_EQ(events.events(1).new_value(), "82,5");
  EXPECT_EQ(events.events(1).method(), "CaptureService.WriteMeasurement");
  EXPECT_LT(events.events(0).sequence(), events.events(1).sequence());

  // Filter by principal; the refused write left nothing.
  request.Clear();
  request.set_principal("l.bianchi");
  ASSERT_TRUE(CaptureAs("viewer-token")
                  ->ListAuditEvents(Deadline().get(), request, &events)
                  .ok());
  EXPECT_EQ(events.events_size(), 1);

  // The catalog import is audited by the catalog service.
  v1::ListAuditEventsResponse catalog_events;
  ASSERT_TRUE(CatalogAs("viewer-token")
                  ->ListAuditEvents(Deadline().get(), {}, &catalog_events)
                  .ok());
  ASSERT_EQ(catalog_events.events_size(), 1);
  EXPECT_EQ(catalog_events.events(0).principal(), "m.rossi");
  EXPECT_EQ(catalog_events.events(0).new_value(), "versione 1");
}

TEST_F(SecurityTest, OnlyAdminsAndJobsTakeSnapshots) {
  v1::Measurement out;
  ASSERT_TRUE(WriteAs("carpi-token", "carpi", 81.5, &out).ok());
  auto as = [&](const std::string& token) { return AggregationAs(token); };
  v1::TakeSnapshotRequest request;
  request.set_period("2024S1");
  v1::Snapshot snapshot;
  for (const char* token : {"viewer-token", "carpi-token"}) {
    grpc::Status s =
        as(token)->TakeSnapshot(Deadline(30).get(), request, &snapshot);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << token;
  }
  v1::ListPeriodLocksResponse locks;
  ASSERT_TRUE(CaptureAs("viewer-token")
                  ->ListPeriodLocks(Deadline().get(), {}, &locks)
                  .ok());
  EXPECT_EQ(locks.locks_size(), 0);  // refused: nothing locked, nothing stored

  // The job's snapshot locks capture through aggregation's own certificate.
  grpc::Status taken =
      as("job-token")->TakeSnapshot(Deadline(30).get(), request, &snapshot);
  ASSERT_TRUE(taken.ok()) << taken.error_message();
  EXPECT_EQ(snapshot.principal(), "snapshot-job");
  ASSERT_TRUE(CaptureAs("viewer-token")
                  ->ListPeriodLocks(Deadline().get(), {}, &locks)
                  .ok());
  ASSERT_EQ(locks.locks_size(), 1);
  EXPECT_EQ(locks.locks(0).author(), "valore-aggregation");
  // Validated outcomes are the office's: admins only.
  v1::SetValidatedOutcomeRequest validate;
  validate.mutable_validated_outcome()->set_item_type(v1::ITEM_TYPE_INDICATOR);
  validate.mutable_validated_outcome()->set_item("00002");
  validate.mutable_validated_outcome()->set_period("2024S1");
  validate.mutable_validated_outcome()->set_scope("scopes/union");
  validate.mutable_validated_outcome()->set_outcome(v1::OUTCOME_ACHIEVED);
  validate.mutable_validated_outcome()->set_justification("verificato");
  v1::ValidatedOutcome validated;
  EXPECT_EQ(as("job-token")
                ->SetValidatedOutcome(Deadline().get(), validate, &validated)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST(SecurityConfigTest, ServersRefuseToStartHalfConfigured) {
  SecurityOptions none;
  auto refused = MakeServerSecurity(none, "test");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("--insecure"));
  SecurityOptions half;
  half.tls_cert = "/nonexistent.pem";
  EXPECT_EQ(MakeServerSecurity(half, "test").status().code(),
            absl::StatusCode::kInvalidArgument);
  SecurityOptions both;
  both.insecure = true;
  both.tls_ca = "/ca.pem";
  EXPECT_EQ(MakeServerSecurity(both, "test").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TokenFileTest, StoresOnlyHashesAndRejectsBadLines) {
  TempDir dir;
  const std::string path = dir.Sub("tokens");
  {
    std::ofstream out(path);
    out << "# comment\n"
        << TokenFileLine(TokenHash("secret"),
                         TokenEntry{"a", Role::kEditor, {"carpi"}});
  }
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content.find("secret"), std::string::npos);
  auto table = ReadTokenFile(path);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->size(), 1u);
  EXPECT_EQ(table->begin()->second.entities, std::vector<std::string>{"carpi"});
  {
    std::ofstream out(path);
    out << "abc\tx\tadmin\t-\n";
  }
  EXPECT_EQ(ReadTokenFile(path).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace valore::testing
