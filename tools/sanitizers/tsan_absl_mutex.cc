// ThreadSanitizer builds only (VALORE_SANITIZE=thread): makes Debian's
// uninstrumented absl::Mutex visible to TSan.
//
// absl::Mutex tells TSan about its locking only when abseil itself is built
// with -fsanitize=thread; Debian's libabsl_synchronization.so is not, so TSan
// sees no happens-before between two threads that take the same absl::Mutex
// and reports every access it guards, in valore and in gRPC, as a race.
// This file, linked into every executable of a TSan build, interposes the
// Mutex members that lock and unlock: each calls the library's own
// implementation and tells TSan "acquire" after locking and "release" before
// unlocking, which is what an instrumented abseil would report. Nothing is
// suppressed: accesses that are not ordered by a lock are still reported.
//
// Lock/Unlock and their reader and try forms are covered, and the waits
// valore uses (CondVar::Wait and WaitWithTimeout, Mutex::Await and
// AwaitWithTimeout), which release the lock and take it again inside the
// library: each tells TSan "release" before and "acquire" after.
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/base/options.h"
#include "absl/synchronization/mutex.h"

extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);

namespace {

#define VALORE_STRINGIFY_INNER(x) #x
#define VALORE_STRINGIFY(x) VALORE_STRINGIFY_INNER(x)

// The Itanium-mangled name of absl::Mutex::<member>(), inside abseil's
// inline namespace ("_ZN4absl7debian35Mutex4LockEv").
std::string MangledMember(const char* member) {
  const std::string ns = VALORE_STRINGIFY(ABSL_OPTION_INLINE_NAMESPACE_NAME);
  return "_ZN4absl" + std::to_string(ns.size()) + ns + "5Mutex" +
         std::to_string(std::strlen(member)) + member + "Ev";
}

// The Itanium-mangled name of absl::<rest> inside the inline namespace, for
// members with arguments ("7CondVar4WaitEPNS0_5MutexE").
std::string Mangled(const char* rest) {
  const std::string ns = VALORE_STRINGIFY(ABSL_OPTION_INLINE_NAMESPACE_NAME);
  return "_ZN4absl" + std::to_string(ns.size()) + ns + rest;
}

// The library's definition of a symbol, found past this executable.
template <typename Fn>
Fn NextNamed(const std::string& name) {
  void* fn = dlsym(RTLD_NEXT, name.c_str());
  if (fn == nullptr) {
    std::fprintf(stderr, "tsan_absl_mutex: %s not found\n", name.c_str());
    std::abort();
  }
  return reinterpret_cast<Fn>(fn);
}

// The library's definition of a member, found past this executable.
template <typename Fn>
Fn Next(const char* member) {
  const std::string name = MangledMember(member);
  void* fn = dlsym(RTLD_NEXT, name.c_str());
  if (fn == nullptr) {
    std::fprintf(stderr, "tsan_absl_mutex: %s not found\n", name.c_str());
    std::abort();
  }
  return reinterpret_cast<Fn>(fn);
}

using VoidMember = void (*)(absl::Mutex*);
using BoolMember = bool (*)(absl::Mutex*);
using CondVarWait = void (*)(absl::CondVar*, absl::Mutex*);
using CondVarWaitFor = bool (*)(absl::CondVar*, absl::Mutex*, absl::Duration);
using MutexAwait = void (*)(absl::Mutex*, const absl::Condition&);
using MutexAwaitFor = bool (*)(absl::Mutex*, const absl::Condition&,
                               absl::Duration);

}  // namespace

namespace absl {
ABSL_NAMESPACE_BEGIN

void Mutex::Lock() {
  static const VoidMember next = Next<VoidMember>("Lock");
  next(this);
  __tsan_acquire(this);
}

void Mutex::Unlock() {
  static const VoidMember next = Next<VoidMember>("Unlock");
  __tsan_release(this);
  next(this);
}

bool Mutex::TryLock() {
  static const BoolMember next = Next<BoolMember>("TryLock");
  const bool locked = next(this);
  if (locked) __tsan_acquire(this);
  return locked;
}

void Mutex::ReaderLock() {
  static const VoidMember next = Next<VoidMember>("ReaderLock");
  next(this);
  __tsan_acquire(this);
}

void Mutex::ReaderUnlock() {
  static const VoidMember next = Next<VoidMember>("ReaderUnlock");
  __tsan_release(this);
  next(this);
}

bool Mutex::ReaderTryLock() {
  static const BoolMember next = Next<BoolMember>("ReaderTryLock");
  const bool locked = next(this);
  if (locked) __tsan_acquire(this);
  return locked;
}

void Mutex::Await(const Condition& cond) {
  static const MutexAwait next =
      NextNamed<MutexAwait>(Mangled("5Mutex5AwaitERKNS0_9ConditionE"));
  __tsan_release(this);
  next(this, cond);
  __tsan_acquire(this);
}

bool Mutex::AwaitWithTimeout(const Condition& cond, Duration timeout) {
  static const MutexAwaitFor next = NextNamed<MutexAwaitFor>(
      Mangled("5Mutex16AwaitWithTimeoutERKNS0_9ConditionENS0_8DurationE"));
  __tsan_release(this);
  const bool met = next(this, cond, timeout);
  __tsan_acquire(this);
  return met;
}

void CondVar::Wait(Mutex* mu) {
  static const CondVarWait next =
      NextNamed<CondVarWait>(Mangled("7CondVar4WaitEPNS0_5MutexE"));
  __tsan_release(mu);
  next(this, mu);
  __tsan_acquire(mu);
}

bool CondVar::WaitWithTimeout(Mutex* mu, Duration timeout) {
  static const CondVarWaitFor next = NextNamed<CondVarWaitFor>(
      Mangled("7CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE"));
  __tsan_release(mu);
  const bool timed_out = next(this, mu, timeout);
  __tsan_acquire(mu);
  return timed_out;
}

ABSL_NAMESPACE_END
}  // namespace absl
