//! The room's server, as `cargo xtask room serve` starts it:
//! `room --port <PORT> --code <CODE> --outline <FILE> --state <FILE>`.

use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    port: u16,
    code: Option<String>,
    outline: PathBuf,
    state: PathBuf,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args> {
    let mut parsed = Args {
        port: 7878,
        code: None,
        outline: PathBuf::new(),
        state: PathBuf::from(".room/state.json"),
    };
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--port" => {
                parsed.port = value
                    .parse()
                    .with_context(|| format!("--port {value}: not a port number"))?
            }
            "--code" => parsed.code = Some(value),
            "--outline" => parsed.outline = value.into(),
            "--state" => parsed.state = value.into(),
            _ => bail!("unknown option {flag}; `cargo xtask room serve --help` lists them"),
        }
    }
    if parsed.outline.as_os_str().is_empty() {
        bail!("--outline <FILE> is needed: `cargo xtask room serve` writes it");
    }
    Ok(parsed)
}

fn run() -> Result<()> {
    let args = parse(std::env::args().skip(1))?;
    let text = std::fs::read_to_string(&args.outline)
        .with_context(|| format!("reading {}", args.outline.display()))?;
    let outline: room::Outline = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a course outline", args.outline.display()))?;
    let code = room::code_for(args.code.as_deref(), &args.state);
    let address = SocketAddr::from((Ipv4Addr::UNSPECIFIED, args.port));
    let listener = std::net::TcpListener::bind(address).with_context(|| {
        format!(
            "could not listen on port {} (is another room open?); choose another with --port",
            args.port
        )
    })?;
    listener.set_nonblocking(true)?;
    let advertised = format!("http://{}:{}", lan_address(), args.port);
    println!(
        "The room is open, with code {code}. Learners join with\n\n    cargo xtask room join {advertised} --code {code} --name <their name>\n\n\
         The dashboard is at {advertised}/ (for a projector: any browser on this network).\n\
         Ctrl-C closes the room; its state is kept in {} for the next `room serve`.",
        args.state.display()
    );
    let config = room::Config {
        code: Some(code),
        outline,
        state: args.state,
        advertised,
    };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        room::serve(listener, config, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    })?;
    println!("The room is closed; its state is saved.");
    Ok(())
}

/// The address other laptops on this network reach this one at: the one the
/// operating system would send from to reach the outside. Connecting a UDP socket
/// sends nothing; it only chooses the route.
fn lan_address() -> Ipv4Addr {
    UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|socket| {
            socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9))?;
            socket.local_addr()
        })
        .ok()
        .and_then(|address| match address.ip() {
            std::net::IpAddr::V4(ip) if !ip.is_unspecified() => Some(ip),
            _ => None,
        })
        .unwrap_or(Ipv4Addr::LOCALHOST)
}
