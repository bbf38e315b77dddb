//! The stderr filter in-process, on realistic stderr (a `--debug` log with one expired-token
//! error), and on a stream of plain lines.

use aws_shim::filter::{Responder, StderrFilter};
use aws_shim::rules::Failure;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

struct Append;
impl Responder for Append {
    fn respond(&mut self, _found: &Failure, line: &[u8], out: &mut Vec<u8>) -> Option<Vec<u8>> {
        out.extend_from_slice(line);
        Some(b"(explanation)".to_vec())
    }
}

fn debug_log(target: usize) -> Vec<u8> {
    let lines = [
        "2026-11-27 08:09:10,123 - MainThread - botocore.endpoint - DEBUG - Making request for OperationModel(name=GetCallerIdentity) with params: {'url_path': '/', 'query_string': '', 'method': 'POST', 'headers': {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}}\n",
        "2026-11-27 08:09:10,124 - MainThread - botocore.hooks - DEBUG - Event request-created.sts.GetCallerIdentity: calling handler <bound method RequestSigner.handler of <botocore.signers.RequestSigner object at 0x7f>>\n",
        "2026-11-27 08:09:10,125 - MainThread - urllib3.connectionpool - DEBUG - http://127.0.0.1:4566 \"POST / HTTP/1.1\" 403 306\n",
        "Traceback (most recent call last):\n",
        "  File \"/usr/lib/python3/dist-packages/awscli/clidriver.py\", line 207, in main\n",
        "botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired\n",
        "Completed 1.2 MiB/4.0 MiB (2.1 MiB/s) with 1 file(s) remaining\r",
    ];
    let mut data = Vec::with_capacity(target + 1024);
    let mut i = 0;
    while data.len() < target {
        data.extend_from_slice(lines[i % lines.len()].as_bytes());
        i += 1;
    }
    data.extend_from_slice(b"\nAn error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired\n");
    data
}

fn bench(c: &mut Criterion) {
    let data = debug_log(8 * 1024 * 1024);
    let mut group = c.benchmark_group("filter");
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.bench_function("debug-log-64k-reads", |b| {
        let mut out = Vec::with_capacity(128 * 1024);
        b.iter(|| {
            let mut f = StderrFilter::new(Append);
            for chunk in data.chunks(64 * 1024) {
                f.feed(black_box(chunk), &mut out);
                out.clear();
            }
            f.finish(&mut out);
            black_box(&out);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
