using Shears.Hardware;

namespace Shears.Tests.Hardware;

public class HardwareDirectoriesTests
{
    [Fact]
    public void Directories_come_from_environment_variables_first()
    {
        var separator = Path.PathSeparator;
        var environment = new Dictionary<string, string?>
        {
            ["SHEARS_CACHE"] = "/tmp/shears-cache",
            ["SHEARS_PROFILES"] = $"/a{separator}/b",
        };

        Assert.Equal(Path.Combine("/tmp/shears-cache", "hardware"), HardwareDirectories.HostCache(environment.GetValueOrDefault));
        Assert.Equal(["/a", "/b"], HardwareDirectories.UserProfiles(environment.GetValueOrDefault));
    }

    [Fact]
    public void Directories_fall_back_to_xdg_then_home()
    {
        var xdg = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = "/x/cache", ["XDG_CONFIG_HOME"] = "/x/config" };
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(Path.Combine("/x/cache", "shears", "hardware"), HardwareDirectories.HostCache(xdg.GetValueOrDefault));
        Assert.Equal([Path.Combine("/x/config", "shears", "profiles")], HardwareDirectories.UserProfiles(xdg.GetValueOrDefault));
        Assert.Equal(Path.Combine(home, ".cache", "shears", "hardware"), HardwareDirectories.HostCache(_ => null));
        Assert.Equal([Path.Combine(home, ".config", "shears", "profiles")], HardwareDirectories.UserProfiles(_ => null));
    }
}
