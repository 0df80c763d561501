// TLS, tokens and roles end to end: certificates made by the shipped
// deploy/dev-certs script, servers with mTLS between them, callers with bearer
// tokens. Every refused write stores nothing; every stored write is audited.
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/auth.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs_ = new TempDir();
    const std::string command =
        absl::StrCat(VALORE_SOURCE_DIR, "/deploy/dev-certs/make-dev-certs.sh ",
                     certs_->path(), " >/dev/null 2>&1");
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() {
    delete certs_;
    certs_ = nullptr;
  }

  void SetUp() override {
    // People carry tokens; services are known by their certificates.
    std::ofstream tokens(dir_.Sub("tokens"));
    auto line = [&](const std::string& token, const std::string& principal,
                    Role role, std::vector<std::string> entities = {}) {
      TokenEntry e{principal, role, std::move(entities)};
      tokens << TokenFileLine(TokenHash(token), e);
    };
    line("admin-token", "m.rossi", Role::kAdmin);
    line("carpi-token", "l.bianchi", Role::kEditor, {"carpi"});
    line("viewer-token", "revisore", Role::kViewer);
    line("job-token", "snapshot-job", Role::kJob);
    tokens << TokenFileLine("cert:valore-capture",
                            TokenEntry{"valore-capture", Role::kViewer, {}});
    tokens << TokenFileLine("cert:valore-aggregation",
                            TokenEntry{"valore-aggregation", Role::kJob, {}});
    tokens.close();

    catalog_ = std::make_unique<CatalogServer>(dir_.Sub("catalog"));
    catalog_->set_security(Options("catalog"));
    catalog_->Start("localhost:0");
    capture_ = std::make_unique<CaptureServer>(dir_.Sub("capture"),
                                               Local(catalog_->address()));
    capture_->set_security(Options("capture"));
    capture_->Start("localhost:0");
    aggregation_ = std::make_unique<AggregationServer>(
        dir_.Sub("aggregation"), Local(catalog_->address()),
        Local(capture_->address()));
    aggregation_->set_security(Options("aggregation"));
    aggregation_->Start("localhost:0");

    // The admin imports the shipped catalog.
    v1::ImportCatalogRequest import;
    *import.mutable_catalog() = ReadShippedData().catalog;
    v1::ImportCatalogResponse imported;
    ASSERT_TRUE(CatalogAs("admin-token")
                    ->ImportCatalog(Deadline().get(), import, &imported)
                    .ok());
  }

  SecurityOptions Options(const std::string& name) {
    SecurityOptions o;
    o.tls_cert = absl::StrCat(certs_->path(), "/", name, ".pem");
    o.tls_key = absl::StrCat(certs_->path(), "/", name, ".key");
    o.tls_ca = absl::StrCat(certs_->path(), "/ca.pem");
    o.auth_tokens = dir_.Sub("tokens");
    return o;
  }

  // Certificates name localhost; the harness reports 127.0.0.1.
  static std::string Local(const std::string& address) {
    return absl::StrCat("localhost", address.substr(address.rfind(':')));
  }

  std::shared_ptr<grpc::Channel> Channel(const std::string& address,
                                         const std::string& token) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = *ReadFileToString(certs_->path() + "/ca.pem", "ca");
    std::shared_ptr<grpc::ChannelCredentials> credentials =
        grpc::SslCredentials(ssl);
    if (!token.empty()) {
      credentials = grpc::CompositeChannelCredentials(
          credentials, grpc::AccessTokenCredentials(token));
    }
    return grpc::CreateChannel(Local(address), credentials);
  }
  std::unique_ptr<v1::CatalogService::Stub> CatalogAs(
      const std::string& token) {
    return v1::CatalogService::NewStub(Channel(catalog_->address(), token));
  }
  std::unique_ptr<v1::CaptureService::Stub> CaptureAs(
      const std::string& token) {
    return v1::CaptureService::NewStub(Channel(capture_->address(), token));
  }

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

  static TempDir* certs_;
  TempDir dir_;
  std::unique_ptr<CatalogServer> catalog_;
  std::unique_ptr<CaptureServer> capture_;
  std::unique_ptr<AggregationServer> aggregation_;
};

TempDir* SecurityTest::certs_ = nullptr;

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
  EXPECT_EQ(events.events(1).new_value(), "82.5");
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
  auto as = [&](const std::string& token) {
    return v1::AggregationService::NewStub(
        Channel(aggregation_->address(), token));
  };
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
