using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Models;

/// <summary>
/// Writes a file so that no failure loses the old one: the new content goes to a temporary file beside
/// it, which is flushed to disk, renamed over the target, and the folder flushed too, so the rename
/// itself survives a power cut. A save killed half-way (kill -9) leaves its temporary file, named
/// after its process; the next save of the same target removes those of processes that are gone.
/// </summary>
internal static partial class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        string name = Path.GetFileName(full);
        Directory.CreateDirectory(folder);
        RemoveStaleTemporaries(folder, name);
        string temporary = Path.Combine(folder, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
            FlushFolder(folder);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    public static void WriteText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>The temporary files of earlier saves of <paramref name="name"/> whose process no longer runs.</summary>
    internal static IEnumerable<string> StaleTemporaries(string folder, string name)
    {
        string prefix = $".{name}.";
        foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            string fileName = Path.GetFileName(file);
            if (!fileName.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            var parts = fileName[prefix.Length..^".tmp".Length].Split('.');
            if (parts is [var pid, { Length: 32 }] && int.TryParse(pid, out int id) && !Running(id))
                yield return file;
        }
    }

    private static void RemoveStaleTemporaries(string folder, string name)
    {
        foreach (var file in StaleTemporaries(folder, name).ToList())
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another save removed it first, or it is not ours to remove: either way it does not block this save.
            }
        }
    }

    private static bool Running(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    // .NET cannot open a folder as a file on Linux, so the folder's fsync goes through libc.
    private static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
            return;
        int descriptor = Open(folder, 0);
        if (descriptor < 0)
            throw new IOException($"Could not open the folder '{folder}' to flush the renamed file (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (FileSync(descriptor) != 0)
                throw new IOException($"Could not flush the folder '{folder}' to disk (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FileSync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
