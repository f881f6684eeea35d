package city.parkgrid.deploy;

import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetWriter;
import city.parkgrid.dataset.SyntheticCity;
import city.parkgrid.lots.Lot;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./parkgrid generate-city}: writes a synthetic Shanghai ({@link SyntheticCity}) as a data set. */
@Command(
        name = "generate-city",
        description =
                "Write a reproducible synthetic Shanghai (16 districts, parking units, lots) as a GeoJSON data set.")
final class GenerateCityCommand implements Callable<Integer> {

    @Option(names = "--lots", defaultValue = "4500", description = "How many lots (default ${DEFAULT-VALUE}).")
    int lots;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "The same seed writes the same file (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "The GeoJSON file to write (for ./parkgrid import).")
    Path out;

    @Override
    public Integer call() {
        DataSet city = SyntheticCity.generate(lots, seed);
        GeoJsonDataSetWriter.write(city, out);
        System.out.printf(
                Locale.ROOT,
                "wrote %s: %d regions, %d parking units, %d lots, %d spaces (seed %d)%n",
                out,
                city.regions().size(),
                city.zones().size(),
                city.lots().size(),
                city.lots().stream().mapToInt(Lot::capacity).sum(),
                seed);
        return 0;
    }
}
