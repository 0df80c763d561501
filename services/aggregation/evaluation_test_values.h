// Values and targets for the tests of the evaluation rules.
#ifndef VALORE_SERVICES_AGGREGATION_EVALUATION_TEST_VALUES_H_
#define VALORE_SERVICES_AGGREGATION_EVALUATION_TEST_VALUES_H_

#include <initializer_list>
#include <string>

#include "services/aggregation/evaluation.h"

namespace valore::aggregation::test_values {

inline v1::Value Num(double value, v1::Unit unit = v1::UNIT_NUMBER) {
  v1::Value v;
  v.mutable_number()->set_value(value);
  v.mutable_number()->set_unit(unit);
  return v;
}

inline v1::Value Parts(std::initializer_list<double> parts) {
  v1::Value v;
  for (double p : parts) {
    v1::Quantity* q = v.mutable_composite()->add_parts();
    q->set_value(p);
    q->set_unit(v1::UNIT_COUNT);
  }
  return v;
}

inline v1::Value Text(const std::string& text) {
  v1::Value v;
  v.set_text(text);
  return v;
}

inline v1::Value NotMeasurable(const std::string& reason) {
  v1::Value v;
  v.mutable_not_measurable()->set_reason(reason);
  return v;
}

inline void AddComponent(v1::Target* target, v1::Comparator comparator,
                         double threshold, v1::Unit unit = v1::UNIT_NUMBER) {
  v1::TargetComponent* c = target->mutable_threshold()->add_components();
  c->set_comparator(comparator);
  c->mutable_threshold()->set_value(threshold);
  c->mutable_threshold()->set_unit(unit);
}

inline v1::Target Threshold(v1::Comparator comparator, double threshold,
                            v1::Unit unit = v1::UNIT_NUMBER) {
  v1::Target t;
  t.mutable_threshold();
  AddComponent(&t, comparator, threshold, unit);
  return t;
}

inline v1::Target Band(double width, bool relative) {
  v1::Target t;
  t.mutable_band();
  t.mutable_band()->set_width(width);
  t.mutable_band()->set_relative(relative);
  return t;
}

inline Evaluation Eval(
    const v1::Target& target, const v1::Value& value,
    v1::IndicatorKind kind = v1::INDICATOR_KIND_LEVEL, int half = 2,
    const v1::EvaluationPolicy& policy = v1::EvaluationPolicy()) {
  IndicatorInput in;
  in.target = &target;
  in.value = &value;
  in.kind = kind;
  in.half = half;
  return EvaluateIndicator(in, policy);
}

inline Evaluation EvalBand(
    const v1::Target& target, const v1::Value& value, const v1::Value* previous,
    const v1::EvaluationPolicy& policy = v1::EvaluationPolicy()) {
  IndicatorInput in;
  in.target = &target;
  in.value = &value;
  in.previous_year_value = previous;
  return EvaluateIndicator(in, policy);
}

}  // namespace valore::aggregation::test_values

#endif  // VALORE_SERVICES_AGGREGATION_EVALUATION_TEST_VALUES_H_
