package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a user names, on the command line, what becomes of the keys of auto-id collections. */
enum AutoIdOption {
  keep_keys(AutoIdKeys.KEEP), regenerate(AutoIdKeys.REGENERATE);

  static final String DESCRIPTION = "keep-keys (default): the target holds the source's primary keys; auto_id"
      + " stays on where the target accepts given keys (found out by trying on a scratch collection), elsewhere it"
      + " is turned off, and new inserts on the target must then supply keys."
      + " regenerate: auto_id stays on and the target generates new keys for every entity of an auto-id"
      + " collection, so references applications hold to the old keys break; the verification compares counts"
      + " and entities without their keys. A batch that may already be on the target (after a sink restart or a"
      + " write whose outcome is unknown, or a re-run into an existing collection) fails the collection rather"
      + " than being written twice: drop it on the target and run again.";

  final AutoIdKeys keys;

  AutoIdOption(AutoIdKeys keys) {
    this.keys = keys;
  }

  /** Accepts keep-keys and regenerate in any case. */
  static final class Converter implements ITypeConverter<AutoIdOption> {
    @Override
    public AutoIdOption convert(String value) {
      try {
        return AutoIdOption.valueOf(value.toLowerCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not an --auto-id choice: use keep-keys or regenerate");
      }
    }
  }
}
