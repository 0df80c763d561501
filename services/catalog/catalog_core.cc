#include "services/catalog/catalog_core.h"

#include <malloc.h>

#include <algorithm>
#include <functional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/entities.h"
#include "common/error_details.h"
#include "common/pagination.h"
#include "common/resource_names.h"
#include "common/timestamp.h"
#include "services/catalog/catalog_limits.h"
#include "services/catalog/catalog_queries.h"
#include "services/catalog/catalog_validator.h"
#include "services/common/call_log.h"
#include "services/common/request_ids.h"
#include "services/common/stored_targets.h"
#include "services/common/version_watch_hub.h"
#include "storage/key_codec.h"

namespace valore::catalog {
namespace {

constexpr char kCurrentKey[] = "current";
constexpr char kVersionPrefix[] = "version/";
constexpr char kImportMethod[] = "ImportCatalog";

std::string VersionKey(int64_t version) {
  std::string key = kVersionPrefix;
  storage::AppendU64(&key, static_cast<uint64_t>(version));
  return key;
}

// How many problems an import error lists; a status carries no more than a
// reader takes in (validate_only returns all of them in the response).
constexpr size_t kListedProblems = 10;

// The first problems, one a line.
std::string ProblemList(const std::vector<v1::ImportProblem>& problems) {
  std::string out;
  for (size_t i = 0; i < problems.size(); ++i) {
    if (i == kListedProblems) {
      absl::StrAppend(&out, "\n  ... and ", problems.size() - kListedProblems,
                      " more");
      break;
    }
    const v1::ImportProblem& p = problems[i];
    absl::StrAppend(&out, "\n  ");
    if (!p.source().file().empty()) {
      absl::StrAppend(&out, p.source().file(), " row ", p.source().row(), ": ");
    }
    absl::StrAppend(&out, p.field(), ": ", p.message());
  }
  return out;
}

// Fills the output-only resource names so clients can address each item.
void AssignNames(v1::Catalog* c) {
  for (v1::Entity& e : *c->mutable_entities()) {
    e.set_name(absl::StrCat("entities/", e.id()));
  }
  for (v1::StrategicDirection& d : *c->mutable_directions()) {
    d.set_name(absl::StrCat("directions/", d.code()));
  }
  for (v1::StrategicObjective& o : *c->mutable_strategic_objectives()) {
    o.set_name(absl::StrCat("directions/", o.direction_code(), "/objectives/",
                            o.code()));
  }
  for (v1::ProgrammeLine& l : *c->mutable_lines()) {
    l.set_name(absl::StrCat("lines/", l.code()));
  }
  for (v1::Indicator& i : *c->mutable_indicators()) {
    i.set_name(absl::StrCat("indicators/", i.code()));
  }
  for (v1::ExecutiveObjective& o : *c->mutable_executive_objectives()) {
    o.set_name(absl::StrCat("executiveObjectives/", ResourceIdOf(o.code())));
  }
  for (v1::Sector& s : *c->mutable_sectors()) {
    s.set_name(absl::StrCat("sectors/", s.code()));
  }
}

}  // namespace

v1::Catalog DefaultCatalog() {
  v1::Catalog catalog;
  for (v1::Entity& e : DefaultEntities()) {
    *catalog.add_entities() = std::move(e);
  }
  AssignNames(&catalog);
  catalog.set_etag(CatalogEtag(catalog, 0));
  return catalog;
}

std::string CatalogEtag(const v1::Catalog& catalog, int64_t version) {
  v1::Catalog content = catalog;
  content.clear_etag();
  content.clear_update_time();
  content.clear_version();
  const size_t hash = std::hash<std::string>()(DeterministicBytes(content));
  return absl::StrFormat("%d-%016x", version, hash);
}

namespace {

absl::StatusOr<v1::ImportCatalogResponse> ParseAnswer(
    const std::string& answer) {
  v1::ImportCatalogResponse replayed;
  if (!replayed.ParseFromString(answer)) {
    return absl::DataLossError("catalog: stored import answer unreadable");
  }
  return replayed;
}

v1::AuditEvent ImportEvent(const v1::ImportCatalogRequest& request,
                           const std::string& principal, int64_t version,
                           int targets) {
  const v1::Catalog& in = request.catalog();
  v1::AuditEvent event;
  event.set_principal(principal);
  event.set_request_id(request.request_id());
  event.set_method("CatalogService.ImportCatalog");
  v1::AuditChange::CatalogVersion* c =
      event.mutable_change()->mutable_catalog_version();
  c->set_version_before(version - 1);
  c->set_version_after(version);
  c->set_entities(in.entities_size());
  c->set_lines(in.lines_size());
  c->set_indicators(in.indicators_size());
  c->set_targets(targets);
  c->set_executive_objectives(in.executive_objectives_size());
  c->set_effective_from(request.effective_from());
  return event;
}

}  // namespace

CatalogCore::CatalogCore(std::unique_ptr<storage::KvStore> kv)
    : kv_(std::move(kv)),
      instance_(NewInstanceId()),
      versions_(kv_->Family("catalog")),
      default_(std::make_shared<const v1::Catalog>(DefaultCatalog())) {}

std::string CatalogCore::Version() const {
  return absl::StrCat(instance_, ".", kv_->LatestSequence());
}

absl::StatusOr<std::unique_ptr<CatalogCore>> CatalogCore::Open(
    const std::string& dir, const storage::KvOptions& options) {
  storage::KvOptions kv_options = options;
  kv_options.column_families = {"catalog", storage::IdempotentWriter::kFamily,
                                storage::AuditLog::kFamily};
  absl::StatusOr<std::unique_ptr<storage::KvStore>> kv =
      storage::KvStore::Open(dir, kv_options);
  if (!kv.ok()) return kv.status();
  std::unique_ptr<CatalogCore> core(new CatalogCore(*std::move(kv)));
  absl::StatusOr<std::unique_ptr<storage::AuditLog>> audit =
      storage::AuditLog::Open(core->kv_.get());
  if (!audit.ok()) return audit.status();
  core->audit_ = *std::move(audit);
  core->writer_ = std::make_unique<storage::IdempotentWriter>(
      core->kv_.get(), core->audit_.get());
  if (absl::Status s = core->Load(); !s.ok()) return s;
  return core;
}

absl::Status CatalogCore::Load() {
  CatalogVersions index;
  bool readable = true;
  absl::Status scanned =
      kv_->ScanPrefix(versions_, kVersionPrefix,
                      [&](absl::string_view, absl::string_view value) {
                        v1::Catalog catalog;
                        if (!catalog.ParseFromArray(
                                value.data(), static_cast<int>(value.size()))) {
                          readable = false;
                          return false;
                        }
                        index.Add(CatalogVersions::HeaderOf(catalog));
                        return true;
                      });
  if (!scanned.ok()) return scanned;
  if (!readable) return absl::DataLossError("catalog: a version is unreadable");
  absl::StatusOr<std::optional<std::string>> current =
      kv_->Get(versions_, kCurrentKey);
  if (!current.ok()) return current.status();
  auto catalog = std::make_shared<v1::Catalog>();
  if (!current->has_value()) {
    *catalog = *default_;
  } else {
    absl::StatusOr<std::optional<std::string>> bytes =
        kv_->Get(versions_, **current);
    if (!bytes.ok()) return bytes.status();
    if (!bytes->has_value() || !catalog->ParseFromString(**bytes)) {
      return absl::DataLossError("catalog: the current version is unreadable");
    }
  }
  // Names and targets follow today's rules, whatever the version was stored
  // with.
  AssignNames(catalog.get());
  UpgradeStoredCatalog(catalog.get());
  absl::MutexLock lock(&mu_);
  current_ = std::move(catalog);
  index_ = std::move(index);
  return absl::OkStatus();
}

std::shared_ptr<const v1::Catalog> CatalogCore::Current() const {
  absl::MutexLock lock(&mu_);
  return current_;
}

absl::StatusOr<std::shared_ptr<const v1::Catalog>> CatalogCore::InForce(
    std::optional<Period> period, int64_t as_of_micros) {
  int64_t version = 0;
  {
    absl::MutexLock lock(&mu_);
    version = index_.InForce(period, as_of_micros);
    if (version == 0) return default_;
    if (version == current_->version()) return current_;
    if (auto it = older_.find(version); it != older_.end()) return it->second;
  }
  absl::StatusOr<std::optional<std::string>> bytes =
      kv_->Get(versions_, VersionKey(version));
  if (!bytes.ok()) return bytes.status();
  auto catalog = std::make_shared<v1::Catalog>();
  if (!bytes->has_value() || !catalog->ParseFromString(**bytes)) {
    return absl::DataLossError(
        absl::StrCat("catalog: version ", version, " is unreadable"));
  }
  AssignNames(catalog.get());
  UpgradeStoredCatalog(catalog.get());
  constexpr size_t kOlderKept = 4;
  absl::MutexLock lock(&mu_);
  if (older_.size() >= kOlderKept) older_.clear();
  older_.emplace(version, catalog);
  return std::shared_ptr<const v1::Catalog>(std::move(catalog));
}

absl::StatusOr<v1::ExportCatalogResponse> CatalogCore::Export(
    const v1::ExportCatalogRequest& request) {
  std::optional<Period> period;
  if (!request.period().empty()) {
    absl::StatusOr<Period> parsed = Period::Parse(request.period(), "period");
    if (!parsed.ok()) return parsed.status();
    period = *parsed;
  }
  absl::StatusOr<int64_t> as_of = AsOfMicros(request);
  if (!as_of.ok()) return as_of.status();
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> catalog =
      InForce(period, *as_of);
  if (!catalog.ok()) return catalog.status();
  return ExportCatalog(**catalog, request);
}

absl::StatusOr<v1::ListCatalogVersionsResponse> CatalogCore::ListVersions(
    const v1::ListCatalogVersionsRequest& request) const {
  absl::MutexLock lock(&mu_);
  const std::vector<v1::CatalogVersion>& all = index_.All();
  absl::StatusOr<Page> page =
      Paginate(request.page_size(), request.page_token(), all.size(),
               current_->version());
  if (!page.ok()) return page.status();
  v1::ListCatalogVersionsResponse response;
  for (size_t i = page->begin; i < page->end; ++i) {
    *response.add_versions() = all[i];
  }
  response.set_next_page_token(page->next_page_token);
  return response;
}

absl::StatusOr<v1::CatalogVersion> CatalogCore::GetVersion(
    const v1::GetCatalogVersionRequest& request) const {
  absl::StatusOr<int64_t> version =
      ParseCatalogVersionName(request.name(), "name");
  if (!version.ok()) return version.status();
  absl::MutexLock lock(&mu_);
  for (const v1::CatalogVersion& v : index_.All()) {
    if (v.version() == *version) return v;
  }
  return WithReason(absl::NotFoundError(absl::StrCat(
                        "catalog version ", *version, " was never imported")),
                    v1::RESOURCE_NOT_FOUND, {{"name", request.name()}});
}

absl::StatusOr<v1::ImportCatalogResponse> CatalogCore::Import(
    const v1::ImportCatalogRequest& request, const std::string& principal,
    absl::Time now) {
  if (absl::Status s = ValidateRequestId(request.request_id()); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckCatalogLimits(request.catalog()); !s.ok()) {
    return s;
  }
  if (!request.effective_from().empty()) {
    if (absl::Status s =
            Period::Parse(request.effective_from(), "effective_from").status();
        !s.ok()) {
      return s;
    }
  }
  absl::MutexLock import_lock(&import_mu_);
  storage::WriteRequest write;
  write.method = kImportMethod;
  write.principal = principal;
  write.request_id = request.validate_only() ? "" : request.request_id();
  write.fingerprint = RequestFingerprint(request);
  write.time = now;
  if (!write.request_id.empty()) {
    absl::StatusOr<std::optional<std::string>> stored =
        writer_->Replayed(write);
    if (!stored.ok()) return stored.status();
    if (stored->has_value()) return ParseAnswer(**stored);
  }

  const v1::Catalog& in = request.catalog();
  v1::ImportCatalogResponse response;
  std::vector<v1::ImportProblem> problems = ValidateCatalog(in);
  for (v1::ImportProblem& p : problems) *response.add_problems() = std::move(p);
  response.set_entities(in.entities_size());
  response.set_lines(in.lines_size());
  response.set_indicators(in.indicators_size());
  response.set_executive_objectives(in.executive_objectives_size());
  int targets = 0;
  for (const v1::Indicator& i : in.indicators()) targets += i.targets_size();
  response.set_targets(targets);

  if (request.validate_only()) return response;
  if (response.problems_size() > 0) {
    absl::Status invalid = WithReason(
        absl::InvalidArgumentError(absl::StrCat(
            "catalog: ", response.problems_size(),
            " problem(s), nothing stored (ImportCatalog with validate_only "
            "returns every one with its row):",
            ProblemList(
                {response.problems().begin(), response.problems().end()}))),
        v1::CATALOG_INVALID);
    // One bad field per problem listed, as many as the message names.
    const int listed = std::min<int>(response.problems_size(), kListedProblems);
    for (int i = 0; i < listed; ++i) {
      const v1::ImportProblem& p = response.problems(i);
      invalid = WithFieldViolation(
          std::move(invalid), absl::StrCat("catalog.", p.field()), p.message());
    }
    return invalid;
  }

  const int64_t version = Current()->version() + 1;
  auto next = std::make_shared<v1::Catalog>(in);
  AssignNames(next.get());
  next->set_version(version);
  const int64_t micros = absl::ToUnixMicros(now);
  *next->mutable_update_time() = TimestampFromMicros(micros);
  next->set_effective_from(request.effective_from());
  next->set_author(principal);
  next->set_etag(CatalogEtag(*next, version));
  response.set_version(version);
  response.set_etag(next->etag());

  bool wrote = false;
  absl::StatusOr<std::string> answer = writer_->Write(
      write,
      [&](storage::Transaction& tx) -> absl::StatusOr<std::string> {
        const std::string key = VersionKey(version);
        tx.Put(versions_, key, next->SerializeAsString());
        tx.Put(versions_, kCurrentKey, key);
        tx.Audit(ImportEvent(request, principal, version, targets));
        return response.SerializeAsString();
      },
      &wrote);
  if (!answer.ok()) return answer.status();
  // A twin of this request landed first (the replay check above ran before
  // the writer's): its answer stands.
  if (!wrote) return ParseAnswer(*answer);
  // The version is on disk (the log is synced); out of memory too, so that
  // the memtable does not hold a copy of every catalog imported. A failed
  // flush loses nothing: RocksDB flushes later.
  if (absl::Status s = kv_->Flush(versions_); !s.ok()) {
    LogLine("valore-catalog", absl::StrCat("catalog flush: ", s.message()));
  }
  std::shared_ptr<const v1::Catalog> previous;
  {
    absl::MutexLock lock(&mu_);
    index_.Add(CatalogVersions::HeaderOf(*next));
    previous = std::exchange(current_, std::move(next));
  }
  // The request, its copy and the previous catalog (once no call reads it)
  // are freed now; give their pages back to the system rather than keep
  // the peak of every import for the life of the process.
  previous.reset();
  malloc_trim(0);
  return response;
}

}  // namespace valore::catalog
