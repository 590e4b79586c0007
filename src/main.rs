fn main() -> std::process::ExitCode {
    s75::cli::main()
}
