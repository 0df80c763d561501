// Writes the seed corpus of the fuzzers into DIR/<fuzzer>/ from the shipped
// data set: target and value texts, numbers, small CSV files, key bytes, and
// serialized requests. Run once after a change of the contracts or the data:
//   build-fuzz/fuzz/make_seeds fuzz/corpus
// Each file is named after a hash of its bytes, so re-running adds nothing
// twice.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "importer/data_folder.h"
#include "common/italian_number.h"
#include "common/resource_names.h"
#include "fuzz/fuzz_support.h"
#include "services/catalog/catalog_validator.h"
#include "storage/key_codec.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace {

namespace fs = std::filesystem;
namespace v1 = valore::v1;

std::string g_root;

uint64_t Fnv1a(const std::string& bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

void Write(const std::string& fuzzer, const std::string& bytes) {
  const fs::path dir = fs::path(g_root) / fuzzer;
  fs::create_directories(dir);
  std::ofstream out(dir / absl::StrFormat("seed-%016x", Fnv1a(bytes)),
                    std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void WriteMessage(const std::string& fuzzer,
                  const google::protobuf::Message& m) {
  Write(fuzzer, m.SerializeAsString());
}

// Up to `n` of `texts`, spread over the whole list.
std::vector<std::string> Spread(const std::set<std::string>& texts, size_t n) {
  const std::vector<std::string> all(texts.begin(), texts.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < n && i < all.size(); ++i) {
    out.push_back(all[i * all.size() / std::min(n, all.size())]);
  }
  return out;
}

void TextSeeds(const valore::import::DataFolder& data) {
  std::set<std::string> targets;
  for (const v1::Indicator& i : data.catalog.indicators()) {
    for (const v1::YearlyTarget& y : i.targets()) {
      targets.insert(y.target().text());
    }
  }
  std::set<std::string> values;
  for (const v1::Measurement& m : data.measurements) {
    values.insert(m.value().display());
  }
  for (const std::string& t : Spread(targets, 30)) {
    Write("target_parser_fuzzer", t);
  }
  for (const std::string& v : Spread(values, 15)) {
    Write("target_parser_fuzzer", v);
  }

  std::set<std::string> numbers;
  for (const std::string& v : values) {
    if (valore::ParseItalianNumber(v).ok()) numbers.insert(v);
  }
  for (const std::string& n : Spread(numbers, 12)) {
    Write("italian_number_fuzzer", n);
  }
  for (const char* n : {"3.593", "80,5%", "5.717.814,53", "0,865", "-12", "+7",
                        "2.24", "1.037.852", " 53,49 % ", "0", "1.2345", "12,",
                        "99.999.999.999,9999", "1e5", "3.59", "-0,00"}) {
    Write("italian_number_fuzzer", n);
  }
}

void CsvSeeds() {
  std::ifstream in(valore::fuzz::ShippedDataDir() + "/dup_indicators.csv",
                   std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)),
                        std::istreambuf_iterator<char>());
  const std::vector<std::string> lines = absl::StrSplit(all, '\n');
  std::string head;
  for (size_t i = 0; i < lines.size() && i < 4; ++i) {
    absl::StrAppend(&head, lines[i], "\n");
    Write("csv_import_fuzzer", head);
  }
  std::string crlf = "\xEF\xBB\xBF";
  for (size_t i = 0; i < lines.size() && i < 3; ++i) {
    absl::StrAppend(&crlf, lines[i], "\r\n");
  }
  Write("csv_import_fuzzer", crlf);
  Write("csv_import_fuzzer",
        "a,b,c\n\"x, y\",\"two\nlines\",\"say \"\"hi\"\"\"\n1,2,3\n");
  Write("csv_import_fuzzer", "a,b\n1,2,3\n");
}

void KeySeeds() {
  std::string key;
  valore::storage::AppendU16(&key, 4047);
  valore::storage::AppendU64(&key, 42);
  valore::storage::AppendU32(&key, 7);
  valore::storage::AppendU16(&key, 4047);
  valore::storage::AppendU64(&key, 43);
  valore::storage::AppendU32(&key, 0);
  Write("key_codec_fuzzer", key + "\x01" + "\xff\xff" + "\x02" + "ab" + "cd");
  Write("key_codec_fuzzer", std::string(40, '\xff'));
  Write("key_codec_fuzzer", std::string(40, '\0'));
  constexpr char kCell[] =
      "carpi\0"
      "00002\0"
      "2023S2";
  Write("key_codec_fuzzer", std::string(kCell, sizeof(kCell) - 1));
}

// A small but valid catalog: the entities, one programme line's tree, its
// indicators and objectives, and the sectors they name.
v1::Catalog SmallCatalog(const v1::Catalog& full) {
  v1::Catalog c;
  *c.mutable_entities() = full.entities();
  *c.mutable_policy() = full.policy();
  const v1::ProgrammeLine& line = full.lines(0);
  *c.add_lines() = line;
  for (const auto& d : full.directions()) {
    if (d.code() == line.direction_code()) *c.add_directions() = d;
  }
  for (const auto& o : full.strategic_objectives()) {
    if (o.direction_code() == line.direction_code() &&
        o.code() == line.strategic_objective_code()) {
      *c.add_strategic_objectives() = o;
    }
  }
  for (const auto& i : full.indicators()) {
    if (i.line_code() == line.code() && c.indicators_size() < 3) {
      *c.add_indicators() = i;
    }
  }
  std::set<std::string> sectors;
  for (const auto& o : full.executive_objectives()) {
    if (c.executive_objectives_size() < 2) {
      *c.add_executive_objectives() = o;
      for (const auto& w : o.weights()) sectors.insert(w.sector());
      // Its line, when it is another one.
      if (o.line_code() != line.code()) {
        for (const auto& l : full.lines()) {
          if (l.code() != o.line_code()) continue;
          *c.add_lines() = l;
          for (const auto& d : full.directions()) {
            if (d.code() == l.direction_code() &&
                d.code() != line.direction_code()) {
              *c.add_directions() = d;
            }
          }
          for (const auto& so : full.strategic_objectives()) {
            if (so.direction_code() == l.direction_code() &&
                so.code() == l.strategic_objective_code() &&
                !(so.direction_code() == line.direction_code() &&
                  so.code() == line.strategic_objective_code())) {
              *c.add_strategic_objectives() = so;
            }
          }
        }
      }
    }
  }
  for (const auto& s : full.sectors()) {
    if (sectors.count(s.code()) > 0) *c.add_sectors() = s;
  }
  return c;
}

void CatalogSeeds(const valore::import::DataFolder& data) {
  const v1::Catalog small = SmallCatalog(data.catalog);
  for (const v1::ImportProblem& p : valore::catalog::ValidateCatalog(small)) {
    std::fprintf(stderr, "make_seeds: small catalog: %s\n",
                 p.ShortDebugString().c_str());
  }
  const std::string fuzzer = "catalog_request_fuzzer";
  v1::ImportCatalogRequest import;
  *import.mutable_catalog() = small;
  WriteMessage(fuzzer, import);
  import.set_validate_only(true);
  WriteMessage(fuzzer, import);
  import.set_validate_only(false);
  import.set_request_id("seed-import-1");
  import.set_author("m.rossi");
  WriteMessage(fuzzer, import);
  import.mutable_catalog()->mutable_indicators()->RemoveLast();
  WriteMessage(fuzzer, import);

  const v1::Indicator& indicator = small.indicators(0);
  v1::GetIndicatorRequest get;
  get.set_name(absl::StrCat("indicators/", indicator.code()));
  WriteMessage(fuzzer, get);
  v1::GetEntityRequest entity;
  entity.set_name("entities/carpi");
  WriteMessage(fuzzer, entity);
  v1::GetIndicatorRequest long_name;
  long_name.set_name(absl::StrCat("indicators/", std::string(4096, '0')));
  WriteMessage(fuzzer, long_name);
  // Many problems in one import: duplicate codes.
  v1::ImportCatalogRequest duplicates;
  *duplicates.mutable_catalog() = small;
  for (int i = 0; i < 300; ++i) {
    *duplicates.mutable_catalog()->add_indicators() = indicator;
  }
  WriteMessage(fuzzer, duplicates);
  v1::ListIndicatorsRequest list;
  list.set_page_size(2);
  list.set_line_code(indicator.line_code());
  list.set_dimension(indicator.dimension());
  WriteMessage(fuzzer, list);
  v1::ListExecutiveObjectivesRequest objectives;
  objectives.set_page_size(1);
  if (small.sectors_size() > 0) objectives.set_sector(small.sectors(0).code());
  WriteMessage(fuzzer, objectives);
  v1::ListProgrammeLinesRequest lines;
  lines.set_manager(
      small.lines(0).managers_size() > 0 ? small.lines(0).managers(0) : "");
  WriteMessage(fuzzer, lines);
  v1::ExportCatalogRequest exported;
  exported.set_if_none_match("0-0000000000000000");
  WriteMessage(fuzzer, exported);
  v1::ListAuditEventsRequest audit;
  audit.set_principal("m.rossi");
  audit.mutable_start_time()->set_seconds(1704067200);
  audit.set_page_size(10);
  WriteMessage(fuzzer, audit);
}

// A shipped measurement of each kind of value.
std::vector<v1::Measurement> MeasurementKinds(
    const valore::import::DataFolder& data) {
  std::vector<v1::Measurement> out;
  std::set<int> kinds;
  for (const v1::Measurement& m : data.measurements) {
    if (kinds.insert(m.value().kind_case()).second) out.push_back(m);
  }
  return out;
}

void CaptureSeeds(const valore::import::DataFolder& data) {
  const std::string fuzzer = "capture_request_fuzzer";
  const std::vector<v1::Measurement> kinds = MeasurementKinds(data);
  for (const v1::Measurement& m : kinds) {
    v1::BatchWriteMeasurementsRequest batch;
    *batch.add_measurements() = m;
    batch.set_author("m.rossi");
    WriteMessage(fuzzer, batch);
  }
  v1::BatchWriteMeasurementsRequest batch;
  for (const v1::Measurement& m : kinds) {
    v1::Measurement next = m;
    next.set_period("2024S1");
    next.set_note("dato del gestionale");
    *batch.add_measurements() = next;
  }
  batch.set_request_id("seed-batch-1");
  batch.set_author("m.rossi");
  WriteMessage(fuzzer, batch);

  // Values shaped for another indicator: one part more than the target of
  // a composite indicator has conditions, and a euro amount where a
  // percentage is due.
  for (const v1::Measurement& m : data.measurements) {
    if (!m.value().has_composite()) continue;
    v1::BatchWriteMeasurementsRequest misfit;
    v1::Measurement* more = misfit.add_measurements();
    *more = m;
    *more->mutable_value()->mutable_composite()->add_parts() =
        m.value().composite().parts(0);
    misfit.set_author("m.rossi");
    WriteMessage(fuzzer, misfit);
    break;
  }
  for (const v1::Measurement& m : data.measurements) {
    if (!m.value().has_number() ||
        m.value().number().unit() != v1::UNIT_PERCENT) {
      continue;
    }
    v1::BatchWriteMeasurementsRequest euro;
    v1::Measurement* wrong = euro.add_measurements();
    *wrong = m;
    wrong->mutable_value()->mutable_number()->set_unit(v1::UNIT_EURO);
    euro.set_author("m.rossi");
    WriteMessage(fuzzer, euro);
    break;
  }
  // Long inputs in every name field.
  v1::BatchWriteMeasurementsRequest long_names;
  for (int field = 0; field < 3; ++field) {
    v1::Measurement m = kinds.front();
    const std::string long_name(4096, "epi"[field]);
    if (field == 0) m.set_entity(long_name);
    if (field == 1) m.set_item(long_name);
    if (field == 2) m.set_period(long_name);
    *long_names.add_measurements() = m;
  }
  WriteMessage(fuzzer, long_names);

  const v1::Measurement& first = kinds.front();
  v1::ReadSeriesRequest read;
  read.set_parent(valore::SeriesName(first.entity(), first.item()));
  read.set_start_period("2023S1");
  read.set_end_period("2024S2");
  read.mutable_as_of()->set_seconds(1704067300);
  WriteMessage(fuzzer, read);
  v1::BatchGetMeasurementsRequest get;
  get.set_period(first.period());
  get.add_entities(first.entity());
  WriteMessage(fuzzer, get);
  v1::LockPeriodRequest lock;
  lock.set_period("2023S2");
  lock.set_reason("chiusura del semestre");
  lock.set_author("admin");
  WriteMessage(fuzzer, lock);
  v1::ListAuditEventsRequest audit;
  audit.set_entity(first.entity());
  audit.set_item(first.item());
  audit.mutable_end_time()->set_seconds(1704067300);
  WriteMessage(fuzzer, audit);
}

void AggregationSeeds(const valore::import::DataFolder& data) {
  const std::string fuzzer = "aggregation_request_fuzzer";
  v1::GetReportRequest report;
  report.set_period("2023S2");
  report.set_scope("scopes/union");
  WriteMessage(fuzzer, report);
  v1::GetReportRequest long_entity = report;
  long_entity.set_scope("entities/" + std::string(4096, 'x'));
  WriteMessage(fuzzer, long_entity);
  report.set_scope("entities/carpi");
  WriteMessage(fuzzer, report);
  report.mutable_as_of()->set_seconds(1704067300);
  WriteMessage(fuzzer, report);

  if (!data.validated_outcomes.empty()) {
    v1::SetValidatedOutcomeRequest set;
    *set.mutable_validated_outcome() = data.validated_outcomes.front();
    set.mutable_validated_outcome()->set_justification("verificato");
    set.set_author("m.rossi");
    WriteMessage(fuzzer, set);
    set.set_request_id("seed-validated-1");
    set.mutable_validated_outcome()->clear_justification();
    WriteMessage(fuzzer, set);
    v1::BatchSetValidatedOutcomesRequest batch;
    for (size_t i = 0; i < data.validated_outcomes.size() && i < 3; ++i) {
      *batch.add_validated_outcomes() = data.validated_outcomes[i];
    }
    batch.set_from_published_document(true);
    WriteMessage(fuzzer, batch);
  }
  v1::ListValidatedOutcomesRequest list;
  list.set_parent("scopes/union/periods/2023S2");
  WriteMessage(fuzzer, list);
  v1::GetSnapshotRequest snapshot;
  snapshot.set_name("snapshots/2023S2/versions/1");
  WriteMessage(fuzzer, snapshot);
  if (!data.published.empty()) {
    const auto& [period, figures] = *data.published.begin();
    v1::ImportPublishedFiguresRequest published;
    published.set_period(period);
    for (size_t i = 0; i < figures.size() && i < 3; ++i) {
      *published.add_figures() = figures[i];
    }
    WriteMessage(fuzzer, published);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  g_root = argv[1];
  const valore::import::DataFolder& data = valore::fuzz::ShippedData();
  TextSeeds(data);
  CsvSeeds();
  KeySeeds();
  CatalogSeeds(data);
  CaptureSeeds(data);
  AggregationSeeds(data);
  return 0;
}
