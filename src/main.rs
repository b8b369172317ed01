//! The `qari` binary: everything lives in the library; this only hands over to `cli`.

fn main() -> std::process::ExitCode {
    qari::cli::main()
}
