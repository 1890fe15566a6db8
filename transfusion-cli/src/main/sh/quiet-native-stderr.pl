#!/usr/bin/perl
# Copies stdin to stderr as it arrives, minus the lines native libraries print on every run that
# TF_CPP_MIN_LOG_LEVEL cannot silence (absl's pre-init banner and TensorFlow's MLIR notice).
# The launcher ./transfusion pipes the JVM's stderr through it unless --verbose is given.
# Text that could still grow into such a line is held back until it can be decided; everything
# else (progress bars ending in \r included) passes through immediately.
use strict;
use warnings;

my $banner = 'WARNING: All log messages before absl::InitializeLog() is called are written to STDERR';
my @drop = (
    qr/\Q$banner\E\n/,
    qr/[IW]\d{4} \d\d:\d\d:[\d.]+ +\d+ mlir_graph_optimization_pass\.cc:\d+\] MLIR V1 optimization pass is not enabled\n/,
);

# The offset in $tail from which text must wait for more input (length $tail when nothing must wait).
sub held_from {
    my ($tail) = @_;
    return 0 if $tail =~ /^[IW](\d{1,4}( .*)?)?\z/s;    # the start of an absl line
    for my $i (0 .. length($tail) - 1) {
        my $rest = substr($tail, $i);
        return $i if length($rest) <= length($banner) && substr($banner, 0, length $rest) eq $rest;
    }
    return length $tail;
}

$| = 1;
binmode STDIN;
binmode STDOUT;
my $buf = '';
while (sysread(STDIN, my $chunk, 65536)) {
    $buf .= $chunk;
    $buf =~ s/$_//g for @drop;
    my $nl = rindex($buf, "\n") + 1;
    my $cut = $nl + held_from(substr($buf, $nl));
    print substr($buf, 0, $cut);
    $buf = substr($buf, $cut);
}
print $buf;
