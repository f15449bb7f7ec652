using System;

namespace GruNative.Samples.EdgeIo;

/// <summary>
/// CRC-32 as zlib, gzip and PNG compute it (IEEE 802.3, reflected polynomial 0xEDB88320, initial value and final XOR
/// 0xFFFFFFFF; "123456789" gives 0xCBF43926). It detects every error burst of up to 32 bits, so any damaged byte of a
/// state file, and most larger damage. A checksum against accidents, not a signature against tampering.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>The CRC-32 of <paramref name="bytes"/>. Allocates nothing.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes)
            crc = Table[(byte)(crc ^ b)] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
