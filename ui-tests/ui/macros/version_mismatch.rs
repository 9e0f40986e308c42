//! What a mismatch of generator and runtime versions reports: generated code checks, first of
//! all, that the runtime is the one its generator wrote it for (here code from a generator 0.0).

const _: () = ::eventcat::__private::generated_by::<0, 0>();

fn main() {}
