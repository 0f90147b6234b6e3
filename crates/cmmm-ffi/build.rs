//! Gives the shared library its ELF SONAME, so programs linked against `libcmmm.so` (as
//! installed by `scripts/install-c.sh`) load the ABI-compatible `libcmmm.so.0.N` at run time.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os == "android" || os.ends_with("bsd") {
        // 0.x releases break the ABI with each minor version, later ones with each major.
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        let soname = if major == "0" {
            format!("libcmmm.so.0.{}", env!("CARGO_PKG_VERSION_MINOR"))
        } else {
            format!("libcmmm.so.{major}")
        };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    }
}
