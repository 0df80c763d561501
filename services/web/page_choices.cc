#include "services/web/page_choices.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/italian_date.h"
#include "common/period.h"
#include "common/scopes.h"
#include "services/web/page_labels.h"
#include "valore/v1/capture.pb.h"

namespace valore::web {
namespace {

// The years the catalog's targets name, and this year.
absl::StatusOr<std::set<int>> PlanYears(const PageContext& context) {
  std::set<int> years;
  years.insert(absl::ToCivilYear(context.now, ItalianTimeZone()).year());
  v1::ListIndicatorsRequest request;
  request.set_page_size(1000);
  do {
    absl::StatusOr<v1::ListIndicatorsResponse> page =
        context.calls.Catalog<v1::ListIndicatorsResponse>("ListIndicators",
                                                          request);
    if (!page.ok()) return page.status();
    for (const v1::Indicator& indicator : page->indicators()) {
      for (const v1::YearlyTarget& target : indicator.targets()) {
        if (target.year() > 1900 && target.year() < 3000) {
          years.insert(target.year());
        }
      }
    }
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  return years;
}

// Whether any value was written for `period`.
absl::StatusOr<bool> HasValues(const PageContext& context,
                               const std::string& period) {
  v1::BatchGetMeasurementsRequest request;
  request.set_period(period);
  absl::StatusOr<v1::BatchGetMeasurementsResponse> values =
      context.calls.Capture<v1::BatchGetMeasurementsResponse>(
          "BatchGetMeasurements", request);
  if (!values.ok()) return values.status();
  return values->measurements_size() > 0;
}

}  // namespace

ChoicesCache::ChoicesCache(absl::Duration ttl) : ttl_(ttl) {}

absl::StatusOr<std::shared_ptr<const ChoicesCache::Lists>> ChoicesCache::Get(
    const PageContext& context) {
  {
    absl::MutexLock lock(&mu_);
    if (lists_ != nullptr && context.now - fetched_ < ttl_) return lists_;
  }
  auto lists = std::make_shared<Lists>();
  absl::StatusOr<std::set<int>> years = PlanYears(context);
  if (!years.ok()) return years.status();
  lists->years = *std::move(years);
  v1::ListEntitiesRequest request;
  request.set_page_size(1000);
  absl::StatusOr<v1::ListEntitiesResponse> entities =
      context.calls.Catalog<v1::ListEntitiesResponse>("ListEntities", request);
  if (!entities.ok()) return entities.status();
  lists->entities.assign(entities->entities().begin(),
                         entities->entities().end());
  absl::MutexLock lock(&mu_);
  lists_ = lists;
  fetched_ = context.now;
  return lists_;
}

std::string ChoicesCache::DefaultPeriod(absl::Time now) {
  absl::MutexLock lock(&mu_);
  return now - default_fetched_ < ttl_ ? default_period_ : std::string();
}

void ChoicesCache::KeepDefaultPeriod(const std::string& period,
                                     absl::Time now) {
  absl::MutexLock lock(&mu_);
  default_period_ = period;
  default_fetched_ = now;
}

absl::StatusOr<PageChoices> ReadChoices(const PageContext& context,
                                        bool with_period) {
  PageChoices choices;
  absl::StatusOr<std::shared_ptr<const ChoicesCache::Lists>> lists =
      context.choices_cache->Get(context);
  if (!lists.ok()) return lists.status();
  // Every year from the first the plan names to the last (or this one),
  // none skipped.
  const std::set<int>& years = (*lists)->years;
  for (int year = *years.rbegin(); year >= *years.begin(); --year) {
    choices.periods.push_back(Period(year, 2).ToString());
    choices.periods.push_back(Period(year, 1).ToString());
  }
  choices.period = context.Param("periodo");
  if (choices.period.empty() && !with_period) {
    choices.period = choices.periods.front();
  } else if (choices.period.empty()) {
    choices.period = context.choices_cache->DefaultPeriod(context.now);
  }
  if (choices.period.empty()) {
    for (const std::string& period : choices.periods) {
      absl::StatusOr<bool> has_values = HasValues(context, period);
      if (!has_values.ok()) return has_values.status();
      if (*has_values) {
        choices.period = period;
        break;
      }
    }
    if (choices.period.empty()) choices.period = choices.periods.back();
    context.choices_cache->KeepDefaultPeriod(choices.period, context.now);
  } else if (absl::Status valid =
                 Period::Parse(choices.period, "periodo").status();
             !valid.ok()) {
    return valid;
  }
  choices.entities = (*lists)->entities;
  choices.entity = context.Param("ente");
  if (choices.entity == kAllEntities) {
    choices.entity.clear();
    choices.all_entities = true;
  }
  if (!choices.entity.empty()) {
    bool known = false;
    for (const v1::Entity& entity : choices.entities) {
      known = known || entity.id() == choices.entity;
    }
    if (!known) {
      return ItalianError(
          absl::StatusCode::kInvalidArgument,
          absl::StrCat("ente: \"", choices.entity, "\" non esiste"));
    }
  }
  return choices;
}

void AddChoices(const PageChoices& choices, absl::string_view entity_label,
                absl::string_view all_label,
                ctemplate::TemplateDictionary* page,
                absl::string_view all_value) {
  page->SetValue("PERIOD", choices.period);
  page->SetValue("ENTITY", choices.entity);
  ctemplate::TemplateDictionary* periods =
      page->AddIncludeDictionary("PERIOD_SELECT");
  periods->SetFilename("period_select.tpl");
  for (const std::string& period : choices.periods) {
    ctemplate::TemplateDictionary* option =
        periods->AddSectionDictionary("OPTION");
    option->SetValue("VALUE", period);
    option->SetValue("LABEL", period);
    if (period == choices.period) option->ShowSection("SELECTED");
  }
  ctemplate::TemplateDictionary* entities =
      page->AddIncludeDictionary("ENTITY_SELECT");
  entities->SetFilename("entity_select.tpl");
  entities->SetValue("LABEL", std::string(entity_label));
  if (!all_label.empty()) {
    ctemplate::TemplateDictionary* option =
        entities->AddSectionDictionary("OPTION");
    option->SetValue("VALUE", std::string(all_value));
    option->SetValue("LABEL", std::string(all_label));
    if (choices.entity.empty()) option->ShowSection("SELECTED");
  }
  for (const v1::Entity& entity : choices.entities) {
    ctemplate::TemplateDictionary* option =
        entities->AddSectionDictionary("OPTION");
    option->SetValue("VALUE", entity.id());
    option->SetValue("LABEL", entity.display_name().empty()
                                  ? entity.id()
                                  : entity.display_name());
    if (entity.id() == choices.entity) option->ShowSection("SELECTED");
  }
}

std::string EntityName(const PageChoices& choices, const std::string& id) {
  for (const v1::Entity& entity : choices.entities) {
    if (entity.id() == id && !entity.display_name().empty()) {
      return entity.display_name();
    }
  }
  return id;
}

}  // namespace valore::web
