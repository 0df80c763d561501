#include "cli/opendata/dcat_description.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/italian_date.h"

namespace valore::cli::opendata {
namespace {

using Json = nlohmann::ordered_json;

// The EU Publications Office's authority tables, which DCAT-AP_IT uses for
// themes, frequencies, languages and file types.
constexpr char kAuthority[] =
    "http://publications.europa.eu/resource/authority/";
constexpr char kIanaMediaTypes[] =
    "https://www.iana.org/assignments/media-types/";

Json Id(const std::string& iri) { return Json{{"@id", iri}}; }

Json Italian(const std::string& text) {
  return Json{{"@value", text}, {"@language", "it"}};
}

Json Date(const std::string& day) {
  return Json{{"@value", day}, {"@type", "xsd:date"}};
}

std::string Day(absl::Time time) {
  return absl::FormatTime("%Y-%m-%d", time, ItalianTimeZone());
}

Json Context() {
  return Json{{"dcat", "http://www.w3.org/ns/dcat#"},
              {"dcatapit", "http://dati.gov.it/onto/dcatapit#"},
              {"dct", "http://purl.org/dc/terms/"},
              {"foaf", "http://xmlns.com/foaf/0.1/"},
              {"vcard", "http://www.w3.org/2006/vcard/ns#"},
              {"schema", "http://schema.org/"},
              {"owl", "http://www.w3.org/2002/07/owl#"},
              {"xsd", "http://www.w3.org/2001/XMLSchema#"}};
}

Json Dataset(const DatasetDescription& d) {
  Json j;
  j["@id"] = "#dataset";
  j["@type"] = Json::array({"dcatapit:Dataset", "dcat:Dataset"});
  j["dct:identifier"] = d.identifier;
  j["dct:title"] = Italian(d.title);
  j["dct:description"] = Italian(d.description);
  j["dct:publisher"] = Id("#publisher");
  j["dct:rightsHolder"] = Id("#publisher");
  j["dcat:theme"] = Id(absl::StrCat(kAuthority, "data-theme/GOVE"));
  // Published at every semester's close.
  j["dct:accrualPeriodicity"] =
      Id(absl::StrCat(kAuthority, "frequency/ANNUAL_2"));
  // AgID's profile reads schema:startDate/endDate, DCAT 2 dcat:startDate/
  // endDate: both, so that either harvester finds the period.
  j["dct:temporal"] = {
      {"@type", Json::array({"dcatapit:PeriodOfTime", "dct:PeriodOfTime"})},
      {"schema:startDate", Date(d.temporal_start)},
      {"schema:endDate", Date(d.temporal_end)},
      {"dcat:startDate", Date(d.temporal_start)},
      {"dcat:endDate", Date(d.temporal_end)}};
  j["dct:issued"] = Date(Day(d.issued));
  j["dct:modified"] = Date(Day(d.modified));
  j["dct:language"] = Id(absl::StrCat(kAuthority, "language/ITA"));
  j["dcat:keyword"] = Json::array({Italian("Valore Pubblico"), Italian("PIAO"),
                                   Italian("DUP"), Italian("performance")});
  if (!d.version.empty()) j["owl:versionInfo"] = d.version;
  j["dcat:contactPoint"] = Id("#contact");
  j["dct:license"] = Id(d.license);
  Json distributions = Json::array();
  for (const Distribution& f : d.distributions) {
    distributions.push_back(Id(absl::StrCat("#", f.file)));
  }
  j["dcat:distribution"] = std::move(distributions);
  return j;
}

Json Publisher(const DatasetDescription& d) {
  return Json{{"@id", "#publisher"},
              {"@type", Json::array({"dcatapit:Agent", "foaf:Agent"})},
              {"foaf:name", Italian(d.publisher_name)},
              {"dct:identifier", d.publisher_id}};
}

Json Contact(const DatasetDescription& d) {
  Json j{
      {"@id", "#contact"},
      {"@type", Json::array({"dcatapit:Organization", "vcard:Organization"})},
      {"vcard:fn", Italian(d.publisher_name)}};
  if (!d.contact_email.empty()) {
    j["vcard:hasEmail"] = Id(absl::StrCat("mailto:", d.contact_email));
  }
  return j;
}

Json License(const DatasetDescription& d) {
  Json j{{"@id", d.license},
         {"@type",
          Json::array({"dcatapit:LicenseDocument", "dct:LicenseDocument"})}};
  // Only the default is known well enough to name and classify.
  if (d.license == kDefaultLicense) {
    j["dct:type"] = Id("http://purl.org/adms/licencetype/Attribution");
    j["foaf:name"] =
        Italian("Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)");
  }
  return j;
}

Json DistributionJson(const Distribution& f, const std::string& license) {
  return Json{
      {"@id", absl::StrCat("#", f.file)},
      {"@type", Json::array({"dcatapit:Distribution", "dcat:Distribution"})},
      {"dct:title", Italian(f.title)},
      // Relative to this document: the files sit beside it.
      {"dcat:accessURL", Id(f.file)},
      {"dcat:downloadURL", Id(f.file)},
      {"dct:format", Id(absl::StrCat(kAuthority, "file-type/", f.format))},
      {"dcat:mediaType", Id(absl::StrCat(kIanaMediaTypes, f.media_type))},
      {"dct:license", Id(license)}};
}

}  // namespace

std::string DcatJsonLd(const DatasetDescription& dataset) {
  Json graph = Json::array();
  graph.push_back(Dataset(dataset));
  graph.push_back(Publisher(dataset));
  graph.push_back(Contact(dataset));
  graph.push_back(License(dataset));
  for (const Distribution& f : dataset.distributions) {
    graph.push_back(DistributionJson(f, dataset.license));
  }
  Json doc;
  doc["@context"] = Context();
  doc["@graph"] = std::move(graph);
  // Text that is not UTF-8 is replaced, never thrown on.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace valore::cli::opendata
