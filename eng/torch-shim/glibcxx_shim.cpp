// glibcxx_shim.cpp - supplies the GLIBCXX_3.4.32 (GCC 13.2) additions to Debian 12's libstdc++
// (GCC 12, which stops at GLIBCXX_3.4.30) so that TorchSharp's libLibTorchSharp.so can load.
// See README.md. Built by build.sh into a library whose SONAME is "libstdc++.so.6"; it is
// LD_PRELOADed, answers the loader's version checks, and forwards everything else to the real
// libstdc++ (a DT_NEEDED by absolute path). It defines exactly the symbols that GCC 13.2's
// libstdc++ added at GLIBCXX_3.4.32 (config/abi/pre/gnu.ver), with the same behaviour.
#include <cstddef>
#include <ios>
#include <memory>

// GCC 13's libstdc++ constructs the standard streams itself, from a static std::ios_base::Init
// with init_priority(90) in ios_init.cc; GCC 13's <iostream> therefore no longer puts a static
// ios_base::Init in every translation unit, and code built with it may use std::cout in its own
// static constructors. GCC 12's libstdc++.so does not do that, so we do it here. This shim is
// preloaded (so initialised right after the real libstdc++, before any other library's static
// constructors), which gives the same guarantee. Init is reference-counted, so the extra
// instances in older objects are harmless, and its destructor flushes the streams at exit.
static std::ios_base::Init s_glibcxx_shim_ioinit;

namespace std {
// std::ios_base_library_init()  ->  _ZSt21ios_base_library_initv@@GLIBCXX_3.4.32
// GCC 13's <iostream> references this symbol (".globl _ZSt21ios_base_library_initv") without
// calling it, only to record a dependency on a libstdc++ that initialises the streams itself.
// In GCC 13 it is an alias of ios_base::Init::Init(). Here it does the equivalent: it makes
// sure the standard streams are constructed (they already are, via s_glibcxx_shim_ioinit), so
// calling it is safe and has the documented effect.
void ios_base_library_init() {
    std::ios_base::Init ensure_streams_constructed;
    (void)ensure_streams_constructed;
}
}  // namespace std

// std::__cxx11::basic_string<C>::_S_allocate(allocator<C>&, size_t)  (GLIBCXX_3.4.32)
// GCC 13.2 added this static helper and exports it from the explicit instantiations for char
// and wchar_t; code built with GCC 13.2 may call it when it does not inline it. Its body in GCC
// 13.2 is `return allocator_traits<allocator<C>>::allocate(a, n);` (plus a constexpr-only branch
// for non-standard traits). Same here, including the bad_array_new_length / bad_alloc throws.
// GCC 12's basic_string has no such member, so the definitions are bound to the mangled names.
// 'm' = unsigned long = size_t on x86_64 (and other LP64 targets).
char* glibcxx_shim_string_S_allocate(std::allocator<char>& a, std::size_t n)
    __asm__("_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE11_S_allocateERS3_m");
char* glibcxx_shim_string_S_allocate(std::allocator<char>& a, std::size_t n) {
    return std::allocator_traits<std::allocator<char>>::allocate(a, n);
}

wchar_t* glibcxx_shim_wstring_S_allocate(std::allocator<wchar_t>& a, std::size_t n)
    __asm__("_ZNSt7__cxx1112basic_stringIwSt11char_traitsIwESaIwEE11_S_allocateERS3_m");
wchar_t* glibcxx_shim_wstring_S_allocate(std::allocator<wchar_t>& a, std::size_t n) {
    return std::allocator_traits<std::allocator<wchar_t>>::allocate(a, n);
}
