package dev.alloclab.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code alloclab --version}: the jar's implementation version. */
final class KitVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = KitVersion.class.getPackage().getImplementationVersion();
        return new String[] {"alloclab " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version")};
    }
}
