import Foundation
import ZIPFoundation

/// Reads parts out of a zip package.
///
/// The container is parsed here, with every offset and size checked against the data, because
/// ZIPFoundation's archive reader trusts the headers (a damaged or hostile file can make it crash or
/// loop). ZIPFoundation is only used to inflate, with a provider that never hands out more than the
/// entry's bytes. Anything that decompresses to more than `maxEntrySize` is refused.
struct ZipReader {
    static let maxEntrySize = 50 * 1024 * 1024
    static let maxEntries = 10_000

    struct EntryInfo {
        let name: String
        let flags: UInt16
        let method: UInt16
        let crc32: UInt32
        let compressedSize: UInt64
        let uncompressedSize: UInt64
        let localHeaderOffset: UInt64
    }

    private let bytes: [UInt8]
    /// Entries by lowercased path without leading slash (Office part names are case-insensitive).
    private let entries: [String: EntryInfo]

    init(data: Data) throws {
        guard !data.isEmpty else { throw SpreadsheetError.emptyFile }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw SpreadsheetError(
                "El archivo está en el formato antiguo de Excel (.xls) o protegido con contraseña. "
                    + "Ábralo en Excel, quite la contraseña si la tiene y guárdelo como libro de Excel (.xlsx).")
        }
        guard bytes.starts(with: [0x50, 0x4B]) else { throw SpreadsheetError.notXLSX }
        guard let list = Self.centralDirectory(bytes) else { throw SpreadsheetError.notXLSX }
        var entries: [String: EntryInfo] = [:]
        for entry in list where !entry.name.hasSuffix("/") {
            let key = Self.normalize(entry.name)
            if entries[key] == nil { entries[key] = entry }
        }
        self.bytes = bytes
        self.entries = entries
    }

    static func normalize(_ path: String) -> String {
        var path = path.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        return path.lowercased()
    }

    func contains(_ path: String) -> Bool {
        entries[Self.normalize(path)] != nil
    }

    /// The uncompressed contents of the part, or nil when there is no such part.
    func read(_ path: String) throws -> Data? {
        guard let entry = entries[Self.normalize(path)] else { return nil }
        let tooLarge = SpreadsheetError(
            "El archivo contiene una parte que ocupa más de 50 MB al descomprimirla (\(path)); "
                + "no se procesa por seguridad.")
        let damaged = SpreadsheetError.damagedXLSX("no se pudo descomprimir \(path)")
        if entry.flags & 0x1 != 0 {
            throw SpreadsheetError("El libro está protegido con contraseña. Quite la contraseña y vuelva a intentarlo.")
        }
        guard entry.uncompressedSize <= UInt64(Self.maxEntrySize) else { throw tooLarge }

        // Local header: only its name and extra lengths matter (sizes may be in a data descriptor).
        let reader = ByteReader(bytes)
        guard entry.localHeaderOffset <= UInt64(bytes.count) else { throw damaged }
        let local = Int(entry.localHeaderOffset)
        guard reader.uint32(at: local) == 0x0403_4B50,
              let nameLength = reader.uint16(at: local + 26),
              let extraLength = reader.uint16(at: local + 28) else { throw damaged }
        let start = local + 30 + Int(nameLength) + Int(extraLength)
        guard entry.compressedSize <= UInt64(bytes.count),
              start + Int(entry.compressedSize) <= bytes.count else { throw damaged }
        let end = start + Int(entry.compressedSize)

        var result = Data()
        let checksum: UInt32
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw damaged }
            result = Data(bytes[start..<end])
            checksum = result.crc32(checksum: 0)
        case 8:
            // Deflate cannot make data much larger; a bigger stream is not a sane part.
            guard entry.compressedSize <= UInt64(Self.maxEntrySize + Self.maxEntrySize / 100 + 65_536) else {
                throw tooLarge
            }
            var exceeded = false
            let compressedCount = end - start
            do {
                checksum = try Data.decompress(
                    size: Int64(compressedCount), bufferSize: 64 * 1024, skipCRC32: false,
                    provider: { position, size in
                        // Never more than the entry's bytes: past them the stream is truncated.
                        guard position >= 0, position < Int64(compressedCount) else {
                            if size == 0 { return Data() }
                            throw SpreadsheetError("truncado")
                        }
                        let from = start + Int(position)
                        let to = min(from + max(size, 0), end)
                        var chunk = Data(bytes[from..<to])
                        // The Linux inflater assumes a full buffer: pad with zeros, which are no valid
                        // continuation of a deflate stream.
                        if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                        return chunk
                    },
                    consumer: { chunk in
                        // The sizes in the headers may lie: count what actually comes out.
                        if result.count + chunk.count > Self.maxEntrySize {
                            exceeded = true
                            throw SpreadsheetError("demasiado grande")
                        }
                        result.append(chunk)
                    })
            } catch {
                throw exceeded ? tooLarge : damaged
            }
        default:
            throw SpreadsheetError.damagedXLSX("\(path) usa un método de compresión no compatible")
        }
        guard checksum == entry.crc32, UInt64(result.count) == entry.uncompressedSize else {
            throw SpreadsheetError.damagedXLSX("\(path) no pasa la verificación de integridad")
        }
        return result
    }

    // MARK: - Container structure

    /// The entries of the central directory, or nil when the bytes are not a sound zip archive.
    private static func centralDirectory(_ bytes: [UInt8]) -> [EntryInfo]? {
        let reader = ByteReader(bytes)
        guard bytes.count >= 22 else { return nil }
        // End of central directory record: the last one, within the maximum comment length.
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while position >= lowest {
            if reader.uint32(at: position) == 0x0605_4B50,
               let entries = entries(reader, endRecord: position) {
                return entries
            }
            position -= 1
        }
        return nil
    }

    private static func entries(_ reader: ByteReader, endRecord position: Int) -> [EntryInfo]? {
        guard var count = reader.uint16(at: position + 10).map(UInt64.init),
              var size = reader.uint32(at: position + 12).map(UInt64.init),
              var offset = reader.uint32(at: position + 16).map(UInt64.init) else { return nil }
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // ZIP64: locator right before the record, pointing at the ZIP64 end record.
            guard position >= 20, reader.uint32(at: position - 20) == 0x0706_4B50,
                  let zip64 = reader.uint64(at: position - 12), zip64 <= UInt64(reader.count),
                  reader.uint32(at: Int(zip64)) == 0x0606_4B50,
                  let count64 = reader.uint64(at: Int(zip64) + 32),
                  let size64 = reader.uint64(at: Int(zip64) + 40),
                  let offset64 = reader.uint64(at: Int(zip64) + 48) else { return nil }
            (count, size, offset) = (count64, size64, offset64)
        }
        guard count <= UInt64(maxEntries), offset <= UInt64(reader.count), size <= UInt64(reader.count),
              offset + size <= UInt64(reader.count) else { return nil }
        var result: [EntryInfo] = []
        var cursor = Int(offset)
        let end = Int(offset + size)
        for _ in 0..<Int(count) {
            guard cursor + 46 <= end, reader.uint32(at: cursor) == 0x0201_4B50,
                  let flags = reader.uint16(at: cursor + 8),
                  let method = reader.uint16(at: cursor + 10),
                  let crc = reader.uint32(at: cursor + 16),
                  var compressed = reader.uint32(at: cursor + 20).map(UInt64.init),
                  var uncompressed = reader.uint32(at: cursor + 24).map(UInt64.init),
                  let nameLength = reader.uint16(at: cursor + 28).map(Int.init),
                  let extraLength = reader.uint16(at: cursor + 30).map(Int.init),
                  let commentLength = reader.uint16(at: cursor + 32).map(Int.init),
                  var localOffset = reader.uint32(at: cursor + 42).map(UInt64.init) else { return nil }
            let nameStart = cursor + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= end else { return nil }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                // ZIP64 extended information: only the fields saturated above, in this order.
                var field = extraStart
                var found = false
                while field + 4 <= extraStart + extraLength {
                    guard let id = reader.uint16(at: field), let length = reader.uint16(at: field + 2).map(Int.init)
                    else { return nil }
                    if id == 0x0001 {
                        var value = field + 4
                        let limit = value + length
                        func take() -> UInt64? {
                            guard value + 8 <= limit, let number = reader.uint64(at: value) else { return nil }
                            value += 8
                            return number
                        }
                        if uncompressed == 0xFFFF_FFFF { guard let v = take() else { return nil }; uncompressed = v }
                        if compressed == 0xFFFF_FFFF { guard let v = take() else { return nil }; compressed = v }
                        if localOffset == 0xFFFF_FFFF { guard let v = take() else { return nil }; localOffset = v }
                        found = true
                        break
                    }
                    field += 4 + length
                }
                guard found else { return nil }
            }
            let nameBytes = Array(reader.bytes[nameStart..<extraStart])
            let name = TextDecoding.decodeUTF8(nameBytes) ?? String(decoding: nameBytes, as: Unicode.ASCII.self)
            result.append(EntryInfo(name: name, flags: flags, method: method, crc32: crc,
                                    compressedSize: compressed, uncompressedSize: uncompressed,
                                    localHeaderOffset: localOffset))
            cursor = next
        }
        return result
    }
}

/// Little-endian reads that return nil instead of reading out of bounds.
private struct ByteReader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var count: Int { bytes.count }

    private func value(at offset: Int, size: Int) -> UInt64? {
        guard offset >= 0, size <= bytes.count, offset <= bytes.count - size else { return nil }
        var result: UInt64 = 0
        for index in (0..<size).reversed() {
            result = result << 8 | UInt64(bytes[offset + index])
        }
        return result
    }

    func uint16(at offset: Int) -> UInt16? { value(at: offset, size: 2).map { UInt16($0) } }
    func uint32(at offset: Int) -> UInt32? { value(at: offset, size: 4).map { UInt32($0) } }
    func uint64(at offset: Int) -> UInt64? { value(at: offset, size: 8) }
}

/// Builds a zip package in memory with deflate compression.
struct ZipWriter {
    private let archive: Archive

    init() throws {
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw SpreadsheetError("No se pudo crear el archivo de Excel.")
        }
    }

    func add(_ path: String, _ contents: String) throws {
        let data = Data(contents.utf8)
        do {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(), compressionMethod: .deflate
            ) { position, size in
                let start = Int(position)
                return data.subdata(in: start..<min(start + size, data.count))
            }
        } catch {
            throw SpreadsheetError("No se pudo crear el archivo de Excel (\(path)).")
        }
    }

    func finish() throws -> Data {
        guard let data = archive.data else { throw SpreadsheetError("No se pudo crear el archivo de Excel.") }
        return data
    }
}
