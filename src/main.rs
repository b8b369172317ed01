//! The `qari` binary: everything lives in the library; this only hands over to `cli`, with
//! mimalloc as the allocator (see `Cargo.toml` for why; `--no-default-features` leaves the
//! system allocator, for heap profilers).

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    qari::cli::main()
}
