package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --heap-max SIZE}: the sizes it reads, and a sentence for each kind of size it cannot. */
class HeapLimitOptionTest {
    private final HeapLimitOption.SizeConverter sizes = new HeapLimitOption.SizeConverter();

    @Test
    void bytes_and_binary_units_are_read_in_any_case() {
        assertThat(sizes.convert("20971520")).isEqualTo(20 << 20);
        assertThat(sizes.convert("64MiB")).isEqualTo(64 << 20);
        assertThat(sizes.convert("512kib")).isEqualTo(512 << 10);
        assertThat(sizes.convert(" 1G ")).isEqualTo(1 << 30);
        assertThat(sizes.convert("4096b")).isEqualTo(4096);
        assertThat(sizes.convert("2047MiB")).isEqualTo(HeapLimitOption.LARGEST);
    }

    @Test
    void sizes_that_are_not_sizes_or_too_small_or_too_large_for_a_java_array_are_refused_with_a_sentence() {
        refused("lots", "'lots' is not a heap size. Write bytes (20971520) or a whole number with KiB, MiB or GiB");
        refused("64xb", "'64xb' has the unknown unit 'xb'");
        refused("64MB", "'64MB': write 64MiB instead (KiB, MiB and GiB: the kit counts in powers of 2).");
        refused("100", "a heap of 100 is outside what the kit can replay on: from 4KiB up to 2047MiB");
        refused("2048MiB", "a heap of 2048MiB is outside");
        refused("3GiB", "a heap of 3GiB is outside");
        refused("1TiB", "a heap of 1TiB is outside");
        refused("10TiB", "a heap of 10TiB is outside");
        refused("9999999999999g", "a heap of 9999999999999g is outside");
    }

    private void refused(String text, String message) {
        assertThatThrownBy(() -> sizes.convert(text)).as(text).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining(message);
    }

    @Test
    void the_default_is_the_classic_20_mib_and_each_heap_is_fresh_with_that_limit() {
        HeapLimitOption option = new HeapLimitOption();
        assertThat(option.maxBytes).isEqualTo(20 << 20);
        option.maxBytes = 64 << 10;
        assertThat(option.heaps().get().maxSize()).isEqualTo(64 << 10);
        assertThat(option.heaps().get()).isNotSameAs(option.heaps().get());
    }
}
