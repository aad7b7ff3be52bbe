// MSBuild inline task (compiled by RoslynCodeTaskFactory, see TorchSharpNativeFix.targets).
// Sets VER_FLG_WEAK on one version-need entry (Elf64_Vernaux) of a little-endian ELF64 shared
// library, so the dynamic loader tolerates a libstdc++ that lacks that symbol version.
// Layouts from the ELF gABI and the LSB "Symbol Versioning" chapter.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class MarkElfVersionNeedWeak : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required]
    public string LibraryPath { get; set; }

    [Required]
    public string VersionName { get; set; }

    public override bool Execute()
    {
        try
        {
            byte[] elf = File.ReadAllBytes(LibraryPath);
            int flagsOffset = FindVernauxFlags(elf, VersionName);
            if (flagsOffset < 0)
            {
                Log.LogMessage(MessageImportance.Low, "{0} needs no {1}; nothing to patch.", LibraryPath, VersionName);
                return true;
            }

            ushort flags = BitConverter.ToUInt16(elf, flagsOffset);
            if ((flags & VerFlgWeak) != 0)
            {
                Log.LogMessage(MessageImportance.Low, "{0}: {1} is already weak.", LibraryPath, VersionName);
                return true;
            }

            // Write only the two flag bytes: the file may be large and hard-linked nowhere else.
            using (var stream = new FileStream(LibraryPath, FileMode.Open, FileAccess.Write))
            {
                stream.Position = flagsOffset;
                stream.Write(BitConverter.GetBytes((ushort)(flags | VerFlgWeak)), 0, 2);
            }

            Log.LogMessage(MessageImportance.High, "Marked version need {0} weak in {1} (TorchSharp on older libstdc++).", VersionName, LibraryPath);
            return true;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException || e is ArgumentException)
        {
            Log.LogError("Cannot patch {0}: {1}", LibraryPath, e.Message);
            return false;
        }
    }

    /// <summary>Returns the file offset of vna_flags of the entry named <paramref name="name"/>, or -1.</summary>
    private static int FindVernauxFlags(byte[] elf, string name)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a little-endian ELF64 file");
        }

        long sectionHeaders = BitConverter.ToInt64(elf, 0x28);   // e_shoff
        int sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3a); // e_shentsize
        int sectionCount = BitConverter.ToUInt16(elf, 0x3c);      // e_shnum

        for (int i = 0; i < sectionCount; i++)
        {
            int header = checked((int)(sectionHeaders + (long)i * sectionHeaderSize));
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) // sh_type
            {
                continue;
            }

            int verneed = checked((int)BitConverter.ToInt64(elf, header + 0x18)); // sh_offset
            int stringSection = (int)BitConverter.ToUInt32(elf, header + 0x28);   // sh_link -> .dynstr
            int strings = checked((int)BitConverter.ToInt64(elf, checked((int)(sectionHeaders + (long)stringSection * sectionHeaderSize)) + 0x18));

            // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
            for (int need = verneed; ; )
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                for (int k = 0; k < auxCount; k++)
                {
                    int nameOffset = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadCString(elf, nameOffset) == name)
                    {
                        return aux + 4;
                    }

                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }

                uint next = BitConverter.ToUInt32(elf, need + 12);
                if (next == 0)
                {
                    break;
                }

                need += (int)next;
            }
        }

        return -1;
    }

    private static string ReadCString(byte[] data, int offset)
    {
        int end = Array.IndexOf(data, (byte)0, offset);
        return Encoding.ASCII.GetString(data, offset, end - offset);
    }
}
