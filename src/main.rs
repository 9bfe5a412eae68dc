//! The `sixparty` binary: parse the command line, run the chosen front end, exit with its code.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(sixparty::cli::main_with(&args));
}
