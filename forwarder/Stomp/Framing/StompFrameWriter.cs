using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Stomp.Framing;

/// <summary>Serialises frames: escaped UTF-8 headers, optional <c>content-length</c>, body, NUL.</summary>
internal static class StompFrameWriter
{
    private static readonly byte[] ContentLengthPrefix = "content-length:"u8.ToArray();

    /// <summary>The bytes of one heart-beat.</summary>
    public static ReadOnlyMemory<byte> HeartBeat { get; } = "\n"u8.ToArray();

    /// <summary>
    /// Writes a frame. With <paramref name="contentLength"/> the body may hold any bytes; without it the body must not
    /// contain NUL (it would end the frame early).
    /// </summary>
    /// <exception cref="StompFrameLimitException">a header line, the header count or the body breaks <paramref name="limits"/>.</exception>
    /// <exception cref="ArgumentException">a text body contains NUL, or a header name is empty.</exception>
    public static void Write(
        IBufferWriter<byte> output,
        string command,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> body,
        bool contentLength,
        StompLimits limits)
    {
        CheckFrame(command, headers.Count + (contentLength ? 1 : 0), body, contentLength, limits);
        WriteUtf8(output, command);
        WriteByte(output, (byte)'\n');
        WriteHeaders(output, command, headers, limits);

        if (contentLength)
        {
            output.Write(ContentLengthPrefix);
            var span = output.GetSpan(11);
            Utf8Formatter.TryFormat(body.Length, span, out var written);
            output.Advance(written);
            WriteByte(output, (byte)'\n');
        }

        WriteByte(output, (byte)'\n');
        output.Write(body);
        WriteByte(output, 0);
    }

    private static void CheckFrame(string command, int headerCount, ReadOnlySpan<byte> body, bool contentLength, StompLimits limits)
    {
        if (headerCount > limits.MaxHeaders)
        {
            throw new StompFrameLimitException($"{command} frame has {headerCount} headers; the broker accepts at most {limits.MaxHeaders}");
        }

        if (body.Length > limits.MaxBodyBytes)
        {
            throw new StompFrameLimitException($"{command} frame body has {body.Length} bytes; the broker accepts at most {limits.MaxBodyBytes}");
        }

        if (!contentLength && body.IndexOf((byte)0) is var nul and >= 0)
        {
            throw new ArgumentException(
                $"the body contains a NUL byte at offset {nul}, which would end a frame without content-length; send it with content-length (a bytes message) or encode NUL as modified UTF-8 (C0 80)",
                nameof(body));
        }
    }

    private static void WriteHeaders(IBufferWriter<byte> output, string command, IReadOnlyList<KeyValuePair<string, string>> headers, StompLimits limits)
    {
        var escape = StompCommands.UsesEscaping(command);
        foreach (var (name, value) in headers)
        {
            if (name.Length == 0)
            {
                throw new ArgumentException($"{command} frame has a header with an empty name", nameof(headers));
            }

            var n = escape ? StompHeaderEscaping.Escape(name) : name;
            var v = escape ? StompHeaderEscaping.Escape(value) : value;
            var lineBytes = Encoding.UTF8.GetByteCount(n) + 1 + Encoding.UTF8.GetByteCount(v);
            if (lineBytes > limits.MaxHeaderLineBytes)
            {
                throw new StompFrameLimitException(
                    $"header '{Truncate(name)}' is {lineBytes} bytes on the wire; the broker accepts at most {limits.MaxHeaderLineBytes} per header line");
            }

            WriteUtf8(output, n);
            WriteByte(output, (byte)':');
            WriteUtf8(output, v);
            WriteByte(output, (byte)'\n');
        }
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static void WriteByte(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    private static void WriteUtf8(IBufferWriter<byte> output, string s)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(s.Length));
        output.Advance(Encoding.UTF8.GetBytes(s, span));
    }
}
