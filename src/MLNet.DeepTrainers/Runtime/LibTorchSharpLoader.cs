using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MLNet.DeepTrainers;

/// <summary>
/// Loads TorchSharp's native library where the system's libstdc++ is older than the one it was built
/// with. TorchSharp 0.107's libLibTorchSharp.so asks for <c>GLIBCXX_3.4.32</c> (GCC 13) for one symbol,
/// <c>std::ios_base_library_init()</c>, which GCC 13's &lt;iostream&gt; only references (no relocation
/// calls it); Debian 12's libstdc++ stops at 3.4.30, so the dynamic loader refuses the file. Here the
/// file is read into memory, that one version requirement is marked weak (VER_FLG_WEAK in its
/// .gnu.version_r entry: a missing weak version is not an error), the copy is loaded from an anonymous
/// in-memory file after its libtorch dependencies, and TorchSharp's imports are pointed at it. Nothing
/// on disk changes; where libstdc++ has the version (GCC 13+: Debian 13, Ubuntu 24.04) nothing is done.
/// </summary>
internal static class LibTorchSharpLoader
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private const ushort WeakVersionFlag = 0x2;        // VER_FLG_WEAK
    private const uint VersionNeedSection = 0x6ffffffe; // SHT_GNU_verneed
    private const long MaxLibrarySize = 1L << 30;

    /// <summary>Does the work once per process, before TorchSharp's first native call; false when nothing was needed.</summary>
    public static bool LoadIfNeeded()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 || SystemHasVersion())
            return false;
        string? original = FindLibrary();
        if (original is null)
            return false;   // TorchSharp then reports its own "reference TorchSharp-cpu" error.
        byte[] image = ReadBounded(original);
        if (!WeakenVersion(image, MissingVersion))
            return false;   // A build that does not ask for the version loads as it is.
        string folder = Path.GetDirectoryName(original)!;
        // The copy's $ORIGIN is not this folder: load what it needs from here first, so its
        // dependencies resolve by name to the copies already in the process.
        foreach (string dependency in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            string path = Path.Combine(folder, dependency);
            if (File.Exists(path))
                NativeLibrary.Load(path);
        }
        IntPtr handle = LoadFromMemory(image, original);
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, (name, _, _) => name == "LibTorchSharp" ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"MLNet.DeepTrainers needs to point TorchSharp at a copy of {original} that loads with this system's libstdc++ " +
                $"(it lacks {MissingVersion}), but a native-library resolver is already set for TorchSharp. Remove the application's own resolver, " +
                "or install a libstdc++ from GCC 13 or later.", e);
        }
        return true;
    }

    private static bool SystemHasVersion()
    {
        if (!NativeLibrary.TryLoad("libstdc++.so.6", out IntPtr libstdcxx))
            return true;    // No system libstdc++ to be older than TorchSharp's.
        return dlvsym(libstdcxx, "_ZSt21ios_base_library_initv", MissingVersion) != IntPtr.Zero;
    }

    /// <summary>The file TorchSharp would load: in the application's native search folders, or beside TorchSharp.dll.</summary>
    private static string? FindLibrary()
    {
        var folders = ((AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        folders.Add(AppContext.BaseDirectory);
        if (Path.GetDirectoryName(typeof(torch).Assembly.Location) is string beside && beside.Length > 0)
            folders.Add(beside);
        return folders.Select(f => Path.Combine(f, LibraryFile)).FirstOrDefault(File.Exists);
    }

    private static byte[] ReadBounded(string path)
    {
        long length = new FileInfo(path).Length;
        if (length > MaxLibrarySize)
            throw new InvalidDataException($"{path} is {length} bytes, more than the {MaxLibrarySize} expected of TorchSharp's native library: reinstall the TorchSharp package.");
        return File.ReadAllBytes(path);
    }

    /// <summary>Marks the ELF64 file's requirement of <paramref name="version"/> weak; false if it has none (the file is then left alone).</summary>
    internal static bool WeakenVersion(byte[] image, string version)
    {
        var span = image.AsSpan();
        if (image.Length < 64 || !span[..4].SequenceEqual("\u007fELF"u8) || image[4] != 2 || image[5] != 1)
            throw new InvalidDataException($"{LibraryFile} is not a little-endian 64-bit ELF file; reinstall the TorchSharp package.");
        long sectionTable = BinaryPrimitives.ReadInt64LittleEndian(span[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int sections = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        static Span<byte> Header(Span<byte> span, long table, int size, int index) => Slice(span, table + (long)index * size, 64);
        for (int s = 0; s < sections; s++)
        {
            var header = Header(span, sectionTable, entrySize, s);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != VersionNeedSection)
                continue;
            long offset = BinaryPrimitives.ReadInt64LittleEndian(header[0x18..]);
            long size = BinaryPrimitives.ReadInt64LittleEndian(header[0x20..]);
            var names = Header(span, sectionTable, entrySize, BinaryPrimitives.ReadInt32LittleEndian(header[0x28..]));
            var strings = Slice(span, BinaryPrimitives.ReadInt64LittleEndian(names[0x18..]), BinaryPrimitives.ReadInt64LittleEndian(names[0x20..]));
            // Verneed entries (16 bytes: version, count, file, aux, next), each with count Vernaux entries (16 bytes: hash, flags, other, name, next).
            long need = offset;
            for (int guard = 0; guard < 4096; guard++)
            {
                var entry = Slice(span, need, 16);
                int count = BinaryPrimitives.ReadUInt16LittleEndian(entry[2..]);
                long aux = need + BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
                for (int k = 0; k < count; k++)
                {
                    var auxEntry = Slice(span, aux, 16);
                    if (NameAt(strings, BinaryPrimitives.ReadUInt32LittleEndian(auxEntry[8..])) == version)
                    {
                        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(auxEntry[4..]);
                        BinaryPrimitives.WriteUInt16LittleEndian(auxEntry[4..], (ushort)(flags | WeakVersionFlag));
                        return true;
                    }
                    aux += BinaryPrimitives.ReadUInt32LittleEndian(auxEntry[12..]);
                }
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
                if (next == 0 || need + next >= offset + size)
                    break;
                need += next;
            }
        }
        return false;
    }

    private static Span<byte> Slice(Span<byte> image, long offset, long length) =>
        offset >= 0 && length >= 0 && offset + length <= image.Length
            ? image.Slice((int)offset, (int)length)
            : throw new InvalidDataException($"{LibraryFile} has a section outside the file; reinstall the TorchSharp package.");

    private static string NameAt(Span<byte> strings, uint offset)
    {
        if (offset >= strings.Length)
            throw new InvalidDataException($"{LibraryFile} names a version outside its string table; reinstall the TorchSharp package.");
        var rest = strings[(int)offset..];
        int end = rest.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
    }

    /// <summary>Writes the image to an anonymous in-memory file and loads it from there.</summary>
    private static IntPtr LoadFromMemory(byte[] image, string original)
    {
        int fd = memfd_create("libLibTorchSharp", 0);
        if (fd < 0)
            throw new InvalidOperationException($"Could not create an in-memory file for the patched copy of {original} (memfd_create failed with errno {Marshal.GetLastPInvokeError()}).");
        using (var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)fd, ownsHandle: false), FileAccess.Write))
            stream.Write(image);
        // The descriptor stays open: the loaded library is mapped from it.
        return NativeLibrary.Load($"/proc/self/fd/{fd}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int memfd_create(string name, uint flags);

    [DllImport("libc")]
    private static extern IntPtr dlvsym(IntPtr handle, string symbol, string version);
}
