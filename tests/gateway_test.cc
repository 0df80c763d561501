// valore-gateway over real HTTP on loopback, in front of the real services
// with the shipped Terre d'Argine data: one call through every route, the
// appendix over REST against gRPC, values as the office writes them, and
// each error as its problem document.
#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "importer/import_plan.h"
#include "services/gateway/json_mapping.h"
#include "services/gateway/route_table.h"
#include "tests/gateway_harness.h"
#include "tests/harness.h"

namespace valore::testing {
namespace {

using ::testing::HasSubstr;

google::protobuf::Struct ParseObject(const std::string& json) {
  google::protobuf::Struct object;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &object).ok())
      << json;
  return object;
}

// Asserts a problem document of `status` whose type names `reason`.
void ExpectProblem(const httplib::Result& result, int status,
                   const std::string& reason) {
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, status) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"),
            "application/problem+json");
  const google::protobuf::Struct problem = ParseObject(result->body);
  EXPECT_EQ(problem.fields().at("type").string_value(),
            "urn:valore:problem:" + reason)
      << result->body;
  EXPECT_EQ(problem.fields().at("status").number_value(), status);
  EXPECT_FALSE(problem.fields().at("title").string_value().empty());
  EXPECT_FALSE(problem.fields().at("detail").string_value().empty());
  EXPECT_TRUE(problem.fields().contains("instance"));
  EXPECT_TRUE(result->has_header("X-RateLimit-Limit"));
  EXPECT_TRUE(result->has_header("X-RateLimit-Remaining"));
  EXPECT_TRUE(result->has_header("X-RateLimit-Reset"));
}

template <typename Message>
Message ParseAs(const std::string& json) {
  Message message;
  const absl::Status parsed = gateway::JsonToMessage(json, &message);
  EXPECT_TRUE(parsed.ok()) << parsed << "\n" << json.substr(0, 500);
  return message;
}

template <typename Message>
std::string JsonOf(const Message& message) {
  absl::StatusOr<std::string> json = gateway::MessageToJson(message);
  EXPECT_TRUE(json.ok());
  return json.value_or("");
}

// The answers a test received, checked against the OpenAPI document by
// tools/openapi/check_answers.py: what a platform reading only the document
// expects is what the gateway sends.
class AnswerLog {
 public:
  // `path` as the document writes it ("/entities/{entity}").
  void Add(const std::string& path, const std::string& method,
           const httplib::Result& result) {
    google::protobuf::Struct answer;
    auto& fields = *answer.mutable_fields();
    fields["path"].set_string_value(path);
    fields["method"].set_string_value(absl::AsciiStrToLower(method));
    fields["status"].set_number_value(result->status);
    fields["content_type"].set_string_value(
        result->get_header_value("Content-Type"));
    fields["body"].set_string_value(result->body);
    std::string line;
    ASSERT_TRUE(
        google::protobuf::util::MessageToJsonString(answer, &line).ok());
    absl::StrAppend(&lines_, line, "\n");
  }

  void ExpectDocumented() {
    TempDir dir;
    const std::string path = dir.Sub("answers.jsonl");
    std::ofstream(path) << lines_;
    const std::string command = absl::StrCat(
        "/usr/bin/python3 ", VALORE_SOURCE_DIR,
        "/tools/openapi/check_answers.py ", VALORE_OPENAPI_DOCUMENT, " ", path,
        " > ", dir.Sub("out.txt"), " 2>&1");
    const int status = std::system(command.c_str());
    std::ifstream out(dir.Sub("out.txt"));
    std::stringstream text;
    text << out.rdbuf();
    EXPECT_EQ(status, 0) << text.str();
  }

 private:
  std::string lines_;
};

// A gateway set up in front of the suite's three services.
GatewaySetup InFrontOf(Suite& suite) {
  GatewaySetup setup;
  setup.catalog = suite.catalog().address();
  setup.capture = suite.capture().address();
  setup.aggregation = suite.aggregation().address();
  return setup;
}

class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = new Suite();
    ImportAll(ReadShippedData(), *suite_);
    gateway_ = new GatewayServer(InFrontOf(*suite_));
  }
  static void TearDownTestSuite() {
    delete gateway_;
    delete suite_;
  }

  httplib::Result Get(const std::string& path,
                      const httplib::Headers& headers = {}) {
    return gateway_->Client()->Get(Rest(path), headers);
  }
  httplib::Result Post(const std::string& path, const std::string& body,
                       const std::string& type = "application/json") {
    return gateway_->Client()->Post(Rest(path), body, type);
  }

  static Suite* suite_;
  static GatewayServer* gateway_;
};

Suite* GatewayTest::suite_ = nullptr;
GatewayServer* GatewayTest::gateway_ = nullptr;

// One REST call per route: its method, path and body, computed from what the
// services hold.
struct RestCall {
  std::string method;
  std::string path;
  std::string body;
};

TEST_F(GatewayTest, EveryRouteAnswersThroughTheGateway) {
  auto catalog = suite_->catalog().Stub();
  v1::ListProgrammeLinesResponse lines;
  ASSERT_TRUE(catalog->ListProgrammeLines(Deadline().get(), {}, &lines).ok());
  v1::ListIndicatorsResponse indicators;
  ASSERT_TRUE(catalog->ListIndicators(Deadline().get(), {}, &indicators).ok());
  v1::ListExecutiveObjectivesResponse objectives;
  ASSERT_TRUE(
      catalog->ListExecutiveObjectives(Deadline().get(), {}, &objectives).ok());
  v1::ListStrategicObjectivesResponse strategic;
  ASSERT_TRUE(
      catalog->ListStrategicObjectives(Deadline().get(), {}, &strategic).ok());
  v1::ListValidatedOutcomesRequest list_outcomes;
  list_outcomes.set_parent("scopes/union/periods/2023S2");
  v1::ListValidatedOutcomesResponse outcomes;
  ASSERT_TRUE(
      suite_->aggregation()
          .Stub()
          ->ListValidatedOutcomes(Deadline().get(), list_outcomes, &outcomes)
          .ok());
  ASSERT_GT(outcomes.validated_outcomes_size(), 0);
  v1::ValidatedOutcome again;
  for (const char* field :
       {"item_type", "item", "period", "outcome", "justification", "scope"}) {
    const auto* descriptor =
        v1::ValidatedOutcome::descriptor()->FindFieldByName(field);
    ASSERT_NE(descriptor, nullptr) << field;
    std::vector<const google::protobuf::FieldDescriptor*> copy = {descriptor};
    v1::ValidatedOutcome::GetReflection()->SwapFields(
        &again,
        const_cast<v1::ValidatedOutcome*>(&outcomes.validated_outcomes(0)),
        copy);
  }
  v1::ImportPublishedFiguresRequest figures =
      import::PlanImport(ReadShippedData(), {}).published.at(0);
  figures.clear_request_id();
  figures.clear_author();
  const std::string figures_body = JsonOf(figures);
  v1::SetValidatedOutcomeRequest set_outcome;
  *set_outcome.mutable_validated_outcome() = again;
  v1::BatchSetValidatedOutcomesRequest batch_outcomes;
  *batch_outcomes.add_validated_outcomes() = again;

  auto export_result = Get("/v1/catalog");
  ASSERT_TRUE(export_result && export_result->status == 200);
  const v1::ExportCatalogResponse exported =
      ParseAs<v1::ExportCatalogResponse>(export_result->body);
  v1::ImportCatalogRequest import_catalog;
  *import_catalog.mutable_catalog() = exported.catalog();
  import_catalog.set_validate_only(true);

  const std::string line = lines.lines(0).name();
  const std::string indicator = indicators.indicators(0).name();
  const std::string objective = objectives.executive_objectives(0).name();
  const std::string executive_id = objective.substr(objective.find('/') + 1);
  const std::vector<RestCall> calls = {
      {"GET", "/v1/entities/carpi", ""},
      {"GET", "/v1/entities?page_size=2", ""},
      {"GET", "/v1/directions/01", ""},
      {"GET", "/v1/directions", ""},
      {"GET", absl::StrCat("/v1/", strategic.strategic_objectives(0).name()),
       ""},
      {"GET", "/v1/objectives?direction_code=01", ""},
      {"GET", absl::StrCat("/v1/", line), ""},
      {"GET", "/v1/lines", ""},
      {"GET", absl::StrCat("/v1/", indicator), ""},
      {"GET", "/v1/indicators?page_size=5", ""},
      {"GET", absl::StrCat("/v1/executive-objectives/", executive_id), ""},
      {"GET", "/v1/executive-objectives", ""},
      {"GET", "/v1/sectors/S1", ""},
      {"GET", "/v1/sectors", ""},
      {"GET", "/v1/evaluation-policy", ""},
      {"GET", "/v1/caller", ""},
      {"POST", "/v1/catalog-versions", JsonOf(import_catalog)},
      {"GET", "/v1/catalog?period=2023S2", ""},
      {"GET", "/v1/catalog-versions", ""},
      {"GET", "/v1/catalog-versions/1", ""},
      {"GET", "/v1/catalog/audit-events?page_size=3", ""},
      {"POST", "/v1/measurements",
       R"({"measurement": {"entity": "carpi", "item": "00002",
           "period": "2024S1", "value_text": "81,5%"},
           "request_id": "rest-every-route-1"})"},
      {"POST", "/v1/measurements/batch-write",
       R"({"measurements": [{"entity": "soliera", "item": "00002",
           "period": "2024S1", "value_text": "70%"}]})"},
      {"GET", "/v1/entities/carpi/items/00002/periods/2024S1", ""},
      {"GET", "/v1/entities/carpi/items/00002/periods?start_period=2023S1", ""},
      {"GET", "/v1/periods/2023S2/measurements?entities=carpi&entities=soliera",
       ""},
      {"GET", "/v1/period-values?periods=2023S2", ""},
      {"GET", "/v1/entities/carpi/items/00002/periods/2024S1/revisions", ""},
      {"POST", "/v1/periods/2030S1/lock", R"({"reason": "chiusura"})"},
      {"POST", "/v1/periods/2030S1/unlock", R"({"reason": "riapertura"})"},
      {"GET", "/v1/period-locks", ""},
      {"GET", "/v1/capture/audit-events?entity=carpi", ""},
      {"GET", "/v1/scopes/union/periods/2023S2/report", ""},
      {"GET", "/v1/entities/carpi/periods/2023S2/report", ""},
      {"GET", "/v1/periods/2023S2/entity-summaries", ""},
      {"POST", "/v1/validated-outcomes", JsonOf(set_outcome)},
      {"POST", "/v1/validated-outcomes/batch-set", JsonOf(batch_outcomes)},
      {"GET",
       absl::StrCat("/v1/", gateway::UrlPathOfName(
                                outcomes.validated_outcomes(0).name())),
       ""},
      {"GET",
       absl::StrCat("/v1/entities/carpi/periods/2023S2/validated-outcomes/",
                    "00040"),
       ""},
      {"GET", "/v1/scopes/union/periods/2023S2/validated-outcomes", ""},
      {"GET", "/v1/entities/carpi/periods/2023S2/validated-outcomes", ""},
      {"POST", "/v1/periods/2023S2/published-figures", figures_body},
      {"POST", "/v1/snapshots/2023S2/versions", "{}"},
      {"GET", "/v1/snapshots/2023S2/versions/latest", ""},
      {"GET", "/v1/snapshots?period=2023S2", ""},
      {"GET", "/v1/snapshots/2023S2/versions/latest/diff", ""},
      {"GET", "/v1/aggregation/audit-events?page_size=3", ""},
  };

  absl::StatusOr<gateway::RouteTable> table = gateway::RouteTable::FromServices(
      {"valore.v1.CatalogService", "valore.v1.CaptureService",
       "valore.v1.AggregationService"});
  ASSERT_TRUE(table.ok());
  std::set<std::string> called;  // url templates
  AnswerLog answers;
  for (const RestCall& call : calls) {
    SCOPED_TRACE(absl::StrCat(call.method, " ", call.path));
    const std::string path = call.path.substr(0, call.path.find('?'));
    absl::StatusOr<gateway::RouteMatch> match = table->Match(
        call.method, absl::StrSplit(absl::string_view(path).substr(1), '/'));
    ASSERT_TRUE(match.ok()) << match.status();
    httplib::Result result =
        call.method == "GET" ? Get(call.path) : Post(call.path, call.body);
    ASSERT_TRUE(result);
    // The entity's own validated outcome for 00040 may not exist: a
    // NOT_FOUND problem is an answer of that route too.
    if (result->status == 404 &&
        absl::StrContains(call.path, "carpi/periods/2023S2/validated")) {
      ExpectProblem(result, 404, "RESOURCE_NOT_FOUND");
    } else {
      ASSERT_EQ(result->status, 200) << result->body.substr(0, 2000);
      EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
      const google::protobuf::MethodDescriptor* method = match->route->method;
      std::unique_ptr<google::protobuf::Message> response(
          google::protobuf::MessageFactory::generated_factory()
              ->GetPrototype(method->output_type())
              ->New());
      if (method->server_streaming()) {
        const google::protobuf::Struct object = ParseObject(result->body);
        ASSERT_TRUE(object.fields().contains("results")) << result->body;
        for (const auto& element :
             object.fields().at("results").list_value().values()) {
          std::string json;
          ASSERT_TRUE(
              google::protobuf::util::MessageToJsonString(element, &json).ok());
          EXPECT_TRUE(gateway::JsonToMessage(json, response.get()).ok());
        }
      } else {
        const absl::Status parsed =
            gateway::JsonToMessage(result->body, response.get());
        EXPECT_TRUE(parsed.ok()) << parsed;
      }
    }
    called.insert(absl::StrCat(match->route->http_method, " ",
                               match->route->url_template));
    answers.Add(match->route->url_template.substr(3), call.method, result);
  }
  answers.ExpectDocumented();
  // A route without a call above fails here: a new RPC needs its call.
  for (const gateway::Route& route : table->routes()) {
    EXPECT_TRUE(
        called.count(absl::StrCat(route.http_method, " ", route.url_template)))
        << "no call through " << route.http_method << " " << route.url_template
        << " (" << route.method->full_name() << ")";
  }
}

TEST_F(GatewayTest, AppendixOverRestEqualsTheGrpcReport) {
  for (const std::string scope : {"scopes/union", "entities/carpi"}) {
    SCOPED_TRACE(scope);
    v1::GetReportRequest request;
    request.set_scope(scope);
    request.set_period("2023S2");
    v1::Report grpc_report;
    ASSERT_TRUE(suite_->aggregation()
                    .Stub()
                    ->GetReport(Deadline().get(), request, &grpc_report)
                    .ok());
    httplib::Result result =
        Get(absl::StrCat("/v1/", scope, "/periods/2023S2/report"));
    ASSERT_TRUE(result && result->status == 200);
    const v1::Report rest_report = ParseAs<v1::Report>(result->body);
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        rest_report, grpc_report));
    EXPECT_GT(rest_report.ByteSizeLong(), 1000u);
  }
}

TEST_F(GatewayTest, ValueWrittenAsTheOfficeWritesItReadsBack) {
  httplib::Result written =
      Post("/v1/measurements",
           R"({"measurement": {"entity": "carpi", "item": "00002",
          "period": "2025S1", "value_text": "81,5%", "note": "rilevazione"}})");
  ASSERT_TRUE(written);
  ASSERT_EQ(written->status, 200) << written->body;
  httplib::Result read = Get("/v1/entities/carpi/items/00002/periods/2025S1");
  ASSERT_TRUE(read && read->status == 200);
  const v1::Measurement measurement = ParseAs<v1::Measurement>(read->body);
  EXPECT_EQ(measurement.value().display(), "81,5%");
  EXPECT_EQ(measurement.note(), "rilevazione");
  // JSON as the contract says: snake_case, int64 as a string, RFC 3339.
  const google::protobuf::Struct object = ParseObject(read->body);
  EXPECT_TRUE(object.fields().at("revision").has_string_value());
  EXPECT_THAT(object.fields().at("create_time").string_value(),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T.*Z"));
}

TEST_F(GatewayTest, StreamsAreOneObjectOrOneLinePerMessage) {
  httplib::Result object = Get("/v1/periods/2023S2/entity-summaries");
  ASSERT_TRUE(object && object->status == 200);
  const int messages = ParseObject(object->body)
                           .fields()
                           .at("results")
                           .list_value()
                           .values_size();
  EXPECT_GT(messages, 0);
  httplib::Result lines = Get("/v1/periods/2023S2/entity-summaries",
                              {{"Accept", "application/x-ndjson"}});
  ASSERT_TRUE(lines && lines->status == 200);
  EXPECT_EQ(lines->get_header_value("Content-Type"), "application/x-ndjson");
  std::vector<std::string> split =
      absl::StrSplit(lines->body, '\n', absl::SkipEmpty());
  EXPECT_EQ(static_cast<int>(split.size()), messages);
  for (const std::string& line : split) {
    ParseAs<v1::StreamEntitySummariesResponse>(line);
  }
}

TEST_F(GatewayTest, EachErrorIsItsProblemDocument) {
  ExpectProblem(Get("/v1/nothing-here"), 404, "RESOURCE_NOT_FOUND");
  ExpectProblem(Get("/elsewhere"), 404, "RESOURCE_NOT_FOUND");
  ExpectProblem(Get("/v1/entities/nowhere"), 404, "ENTITY_NOT_FOUND");
  ExpectProblem(Post("/v1/measurements", "valore=81"), 400, "MALFORMED_BODY");
  ExpectProblem(Post("/v1/measurements", R"({"measurement": {"colour": 1}})"),
                400, "MALFORMED_BODY");
  ExpectProblem(Post("/v1/measurements", "valore=81",
                     "application/x-www-form-urlencoded"),
                415, "MEDIA_TYPE_NOT_SUPPORTED");
  ExpectProblem(Get("/v1/entities?page_size=many"), 400, "INVALID_FIELD");

  httplib::Result wrong_method =
      gateway_->Client()->Delete(Rest("/v1/entities/carpi"));
  ExpectProblem(wrong_method, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(wrong_method->get_header_value("Allow"), "GET");

  // The service's own refusal, with its bad field.
  httplib::Result bad_period =
      Post("/v1/measurements",
           R"({"measurement": {"entity": "carpi", "item": "00002",
          "period": "2023S9", "value_text": "1"}})");
  ExpectProblem(bad_period, 400, "INVALID_PERIOD");
  const google::protobuf::Struct problem = ParseObject(bad_period->body);
  ASSERT_GT(problem.fields().at("violations").list_value().values_size(), 0);
  EXPECT_EQ(problem.fields()
                .at("violations")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("field")
                .string_value(),
            "measurement.period");
  // Nothing was stored.
  httplib::Result not_stored =
      Get("/v1/entities/carpi/items/00002/periods/2023S9");
  ExpectProblem(not_stored, 400, "INVALID_PERIOD");

  AnswerLog answers;
  answers.Add("/measurements", "POST", bad_period);
  answers.Add("/entities/{entity}/items/{item}/periods/{period}", "GET",
              not_stored);
  answers.Add("/entities/{entity}", "GET", Get("/v1/entities/nowhere"));
  answers.Add("/entities", "GET", Get("/v1/entities?page_size=many"));
  answers.Add("/status", "GET", Get("/v1/status"));
  answers.ExpectDocumented();
}

// One capture service per comune: each call goes to the capture service of
// the entities it names; one that would need two is refused, naming them.
TEST(GatewayRoutingTest, EachEntityGoesToItsCaptureService) {
  TempDir dir;
  CatalogServer catalog(dir.Sub("catalog"));
  catalog.Start();
  CaptureServer carpi(dir.Sub("carpi"), catalog.address());
  carpi.set_entities({"carpi"});
  carpi.Start();
  CaptureServer others(dir.Sub("others"), catalog.address());
  others.Start();
  ImportThroughServices(ReadShippedData(), *catalog.Stub(), *others.Stub());
  GatewaySetup setup;
  setup.catalog = catalog.address();
  setup.capture = others.address();
  setup.aggregation = catalog.address();  // not asked here
  setup.capture_routes = {{"carpi", carpi.address()}};
  GatewayServer gateway(setup);
  auto client = gateway.Client();
  auto write = [&](const std::string& entities_json) {
    return client->Post(
        Rest("/v1/measurements/batch-write"),
        absl::StrCat(R"({"measurements": [)", entities_json, "]}"),
        "application/json");
  };
  const std::string carpi_value =
      R"({"entity": "carpi", "item": "00002", "period": "2026S1", "value_text": "81,5%"})";
  const std::string soliera_value =
      R"({"entity": "soliera", "item": "00002", "period": "2026S1", "value_text": "70%"})";
  httplib::Result to_carpi = write(carpi_value);
  ASSERT_TRUE(to_carpi);
  EXPECT_EQ(to_carpi->status, 200) << to_carpi->body;
  httplib::Result to_others = write(soliera_value);
  ASSERT_TRUE(to_others);
  EXPECT_EQ(to_others->status, 200) << to_others->body;
  // Stored where each entity lives, read back through the same routes.
  v1::GetMeasurementRequest get;
  get.set_name("entities/carpi/items/00002/periods/2026S1");
  v1::Measurement stored;
  EXPECT_TRUE(
      carpi.Stub()->GetMeasurement(Deadline().get(), get, &stored).ok());
  httplib::Result read =
      client->Get(Rest("/v1/entities/carpi/items/00002/periods/2026S1"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;
  EXPECT_THAT(read->body, HasSubstr("81,5%"));

  httplib::Result both = write(absl::StrCat(carpi_value, ",", soliera_value));
  ExpectProblem(both, 400, "PRECONDITION_NOT_MET");
  EXPECT_THAT(both->body, HasSubstr("capture (carpi)"));
  ExpectProblem(client->Get(Rest("/v1/period-locks")), 400,
                "PRECONDITION_NOT_MET");
  // The status asks every capture service.
  carpi.Stop();
  httplib::Result status = client->Get(Rest("/v1/status"));
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, 503);
  EXPECT_THAT(status->body, HasSubstr("capture (carpi)"));
}

TEST(GatewayRateLimitTest, PastTheLimitIs429WithRetryAfter) {
  Suite suite;
  GatewaySetup setup = InFrontOf(suite);
  setup.options.rate_limit = 3;
  setup.options.rate_window = absl::Hours(1);
  GatewayServer gateway(setup);
  auto client = gateway.Client();
  for (int i = 0; i < 3; ++i) {
    httplib::Result result = client->Get(Rest("/v1/entities"));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200) << result->body;
    EXPECT_EQ(result->get_header_value("X-RateLimit-Limit"), "3");
    EXPECT_EQ(result->get_header_value("X-RateLimit-Remaining"),
              std::to_string(2 - i));
  }
  httplib::Result refused = client->Get(Rest("/v1/entities"));
  ExpectProblem(refused, 429, "RATE_LIMITED");
  EXPECT_EQ(refused->get_header_value("X-RateLimit-Remaining"), "0");
  int retry_after = 0;
  ASSERT_TRUE(
      absl::SimpleAtoi(refused->get_header_value("Retry-After"), &retry_after));
  EXPECT_GT(retry_after, 3500);
  // Another caller (its own token) has its own budget.
  httplib::Result other =
      client->Get(Rest("/v1/entities"), {{"Authorization", "Bearer other"}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

TEST(GatewayOutageTest, AStoppedServiceIs503WithinTheDeadline) {
  Suite suite;
  GatewaySetup setup = InFrontOf(suite);
  GatewayServer gateway(setup);
  auto client = gateway.Client();
  // Aggregation serves once its prober has seen catalog and capture.
  httplib::Result up = client->Get(Rest("/v1/status"));
  for (int i = 0; i < 100 && up && up->status != 200; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    up = client->Get(Rest("/v1/status"));
  }
  ASSERT_TRUE(up);
  EXPECT_EQ(up->status, 200) << up->body;
  EXPECT_EQ(up->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_THAT(up->body, HasSubstr("capture"));

  suite.capture().Stop();
  const absl::Time start = absl::Now();
  httplib::Result down =
      client->Get(Rest("/v1/entities/carpi/items/00002/periods/2023S2"),
                  {{"Request-Timeout", "5"}});
  const absl::Duration waited = absl::Now() - start;
  ExpectProblem(down, 503, "SERVICE_UNAVAILABLE");
  EXPECT_THAT(down->body, HasSubstr("capture"));
  EXPECT_FALSE(down->get_header_value("Retry-After").empty());
  EXPECT_LT(waited, absl::Seconds(5) + absl::Seconds(2));

  httplib::Result status = client->Get(Rest("/v1/status"));
  ExpectProblem(status, 503, "SERVICE_UNAVAILABLE");
  EXPECT_THAT(status->body, HasSubstr("capture"));
  EXPECT_THAT(status->body, ::testing::Not(HasSubstr("catalog (")));
}

}  // namespace
}  // namespace valore::testing
