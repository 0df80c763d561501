// The words a person reads of an audit event, from what it changed: the
// services store AuditEvent.change as data, and these words are written
// when the events are listed, so they are chosen in this one place.
#ifndef VALORE_COMMON_AUDIT_WORDS_H_
#define VALORE_COMMON_AUDIT_WORDS_H_

#include "valore/v1/audit.pb.h"

namespace valore {

// Sets previous_value, new_value and detail from event->change ("81,5%",
// "bloccato", "versione 3", "Raggiunto", …). An event without a change (one
// stored before changes were) keeps the words it was stored with.
void WriteAuditWords(v1::AuditEvent* event);

}  // namespace valore

#endif  // VALORE_COMMON_AUDIT_WORDS_H_
