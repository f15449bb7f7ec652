/* link_stub.c - link-time stand-in for the real libstdc++, never loaded at run time.
   build.sh links it with -soname set to the real library's absolute path, so the shim records
   "DT_NEEDED /usr/lib/x86_64-linux-gnu/libstdc++.so.6" instead of "libstdc++.so.6" (its own
   SONAME). link_stub.map gives each symbol the version the real library defines it with;
   build.sh then checks every import of the shim against the real library. Bodies are dummies. */
void _ZNSt8ios_base4InitC1Ev(void) {}
void _ZNSt8ios_base4InitD1Ev(void) {}
void _Znwm(void) {}
void _ZSt17__throw_bad_allocv(void) {}
void _ZSt28__throw_bad_array_new_lengthv(void) {}
