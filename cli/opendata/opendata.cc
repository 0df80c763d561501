#include "cli/opendata/opendata.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/opendata/csvw_metadata.h"
#include "cli/opendata/opendata_tables.h"
#include "common/italian_date.h"
#include "common/period.h"
#include "common/text_util.h"

namespace valore::cli::opendata {
namespace {

bool HasSpaceOrQuote(absl::string_view text) {
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) || c == '"' ||
        c == '<' || c == '>') {
      return true;
    }
  }
  return false;
}

absl::Status CheckOptions(const OpenDataOptions& o) {
  if (!(absl::StartsWith(o.license, "https://") ||
        absl::StartsWith(o.license, "http://")) ||
      HasSpaceOrQuote(o.license)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--license: ", QuoteForMessage(o.license),
                     " is not an absolute http(s) URI of a licence"));
  }
  if (o.publisher_id.empty() || HasSpaceOrQuote(o.publisher_id)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--publisher_id: ", QuoteForMessage(o.publisher_id),
                     " is not an identifier (the publisher's IPA code)"));
  }
  if (!o.contact_email.empty() && (!absl::StrContains(o.contact_email, '@') ||
                                   HasSpaceOrQuote(o.contact_email))) {
    return absl::InvalidArgumentError(
        absl::StrCat("--contact_email: ", QuoteForMessage(o.contact_email),
                     " is not an e-mail address"));
  }
  return absl::OkStatus();
}

std::string Description(const v1::Report& report, const Period& period,
                        const OpenDataOptions& o) {
  std::string when =
      o.snapshot_version > 0
          ? absl::StrCat("Snapshot versione ", o.snapshot_version, " del ",
                         FormatItalianDateTime(o.modified), ".")
          : absl::StrCat("Dati al ", FormatItalianDateTime(o.modified), ".");
  absl::Time end;
  std::string error;
  const std::string to = absl::ParseTime("%Y-%m-%d", period.EndDate(),
                                         ItalianTimeZone(), &end, &error)
                             ? absl::StrCat(" al ", FormatItalianDate(end))
                             : "";
  return absl::StrCat(
      "Dati dell'appendice Valore Pubblico del PIAO, semestre ",
      report.period(), " (valori dall'inizio dell'anno", to, "), ",
      o.scope_name,
      ": indicatori con target, consuntivo, esito calcolato e validato; "
      "linee di programmazione del DUP; obiettivi esecutivi con i pesi per "
      "settore; le tabelle di sintesi degli esiti e delle dimensioni del "
      "benessere. ",
      when);
}

Distribution TableDistribution(const Table& t) {
  return Distribution{t.file, t.title, "text/csv", "CSV"};
}

}  // namespace

absl::StatusOr<std::vector<OpenDataFile>> BuildOpenData(
    const v1::Report& report, const OpenDataOptions& options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  absl::StatusOr<Period> period = Period::Parse(report.period());
  if (!period.ok()) return period.status();

  const std::vector<Table> tables = OpenDataTables(report);
  const std::string title = absl::StrCat("Valore Pubblico — ", report.period(),
                                         " — ", options.scope_name);
  const std::string description = Description(report, *period, options);

  std::vector<OpenDataFile> files;
  DatasetDescription dataset;
  for (const Table& t : tables) {
    files.push_back({t.file, TableCsv(t)});
    dataset.distributions.push_back(TableDistribution(t));
  }
  files.push_back({kCsvwMetadataFile,
                   CsvwMetadata(tables, title, description, options.license)});
  dataset.distributions.push_back({kCsvwMetadataFile,
                                   "Metadati CSVW delle tabelle",
                                   "application/csvm+json", "JSON"});
  dataset.distributions.push_back({kDcatFile,
                                   "Descrizione DCAT-AP_IT del dataset",
                                   "application/ld+json", "JSON_LD"});

  dataset.identifier = absl::StrCat(options.publisher_id, ":valore-pubblico-",
                                    report.period(), "-", options.scope_id);
  dataset.title = title;
  dataset.description = description;
  dataset.publisher_name = options.publisher_name;
  dataset.publisher_id = options.publisher_id;
  dataset.contact_email = options.contact_email;
  dataset.license = options.license;
  // Values are year to date (DESIGN §3): the S1 values cover January to
  // June, the S2 values the whole year.
  dataset.temporal_start = absl::StrCat(period->year(), "-01-01");
  dataset.temporal_end = period->EndDate();
  dataset.issued = options.issued;
  dataset.modified = options.modified;
  if (options.snapshot_version > 0) {
    dataset.version = absl::StrCat(options.snapshot_version);
  }
  files.push_back({kDcatFile, DcatJsonLd(dataset)});
  return files;
}

}  // namespace valore::cli::opendata
