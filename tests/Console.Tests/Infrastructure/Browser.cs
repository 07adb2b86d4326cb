using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Actors.Console.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven through its chromedriver, with a fresh profile, so each test starts
/// with no cookies. Waits are bounded and say what they awaited; screenshots go to <see cref="ScreenshotFolder"/>.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    /// <summary>Generous: these bound waits on a healthy node that take milliseconds; they only matter when something hangs.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _profile = Directory.CreateTempSubdirectory("actors-chromium-").FullName;
    private readonly Uri _base;

    /// <param name="arguments">Further Chromium switches (e.g. the one certificate an HTTPS test trusts).</param>
    public Browser(Uri baseAddress, int width = 1280, int height = 900, IEnumerable<string>? arguments = null)
    {
        _base = baseAddress;
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's chromium and chromium-driver ({ChromiumPath}, {DriverPath}): apt-get install -y chromium chromium-driver (.ci/run does).");
        }
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            $"--user-data-dir={_profile}", $"--window-size={width},{height}");
        options.AddArguments(arguments ?? []);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, Timeout);
    }

    public ChromeDriver Driver { get; }

    /// <summary>TestResults/console-screenshots at the checkout's root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(Repository.PathOf(), "TestResults", "console-screenshots");

    public void Open(string path) => Driver.Navigate().GoToUrl(new Uri(_base, path));

    /// <summary>Signs in through the form, as a person would.</summary>
    public void SignIn(string key)
    {
        Open("/console/sign-in");
        Driver.FindElement(By.Id("credential")).SendKeys(key);
        Driver.FindElement(By.CssSelector("form button[type=submit]")).Click();
    }

    /// <summary>Signs in and waits until the console shell says who is signed in.</summary>
    public void SignInAndWait(string key)
    {
        SignIn(key);
        Find("#who .tenant", "the console shell after sign-in");
    }

    public IWebElement Find(string css, string what) => Until(d => d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed), what);

    public T Until<T>(Func<IWebDriver, T?> condition, string what)
    {
        var wait = new WebDriverWait(Driver, Timeout) { Message = $"Timed out after {Timeout.TotalSeconds} s waiting for {what}" };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait.Until(d => condition(d))!;
    }

    /// <summary>Picks the option of <paramref name="select"/> whose value is <paramref name="value"/>, by clicking it.</summary>
    public static void Choose(IWebElement select, string value) =>
        select.FindElement(By.CssSelector($"option[value='{value}']")).Click();

    public object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    /// <summary>Saves a screenshot named <paramref name="name"/>.png; answers its path.</summary>
    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>A screenshot of the whole page height, for pages longer than the window.</summary>
    public string FullPageScreenshot(string name)
    {
        var height = Convert.ToInt32(Script("return Math.ceil(document.documentElement.scrollHeight);"), System.Globalization.CultureInfo.InvariantCulture);
        var size = Driver.Manage().Window.Size;
        Driver.Manage().Window.Size = new System.Drawing.Size(size.Width, Math.Min(Math.Max(height, size.Height), 6000));
        try
        {
            return Screenshot(name);
        }
        finally
        {
            Driver.Manage().Window.Size = size;
        }
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of its profile; the temp folder is cleaned later.
        }
    }
}
