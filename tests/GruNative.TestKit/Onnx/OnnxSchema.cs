namespace GruNative.TestKit.Onnx;

/// <summary>
/// Field numbers and enum values of the ONNX messages this test writes, copied from <c>onnx/onnx.proto</c>
/// (repository onnx/onnx). Field numbers are the whole contract of the wire format: a wrong one is not an
/// error, it is silently a different (or unknown, hence ignored) field, so each is named after its
/// declaration in that file.
/// </summary>
public static class OnnxSchema
{
    /// <summary><c>message ModelProto</c>.</summary>
    public static class Model
    {
        public const int IrVersion = 1;      // optional int64 ir_version = 1;
        public const int ProducerName = 2;   // optional string producer_name = 2;
        public const int Graph = 7;          // optional GraphProto graph = 7;
        public const int OpsetImport = 8;    // repeated OperatorSetIdProto opset_import = 8;
    }

    /// <summary><c>message OperatorSetIdProto</c>.</summary>
    public static class OperatorSetId
    {
        public const int Domain = 1;         // optional string domain = 1;  ("" = the default ai.onnx set)
        public const int Version = 2;        // optional int64 version = 2;
    }

    /// <summary><c>message GraphProto</c>.</summary>
    public static class Graph
    {
        public const int Node = 1;           // repeated NodeProto node = 1;
        public const int Name = 2;           // optional string name = 2;
        public const int Initializer = 5;    // repeated TensorProto initializer = 5;
        public const int Input = 11;         // repeated ValueInfoProto input = 11;
        public const int Output = 12;        // repeated ValueInfoProto output = 12;
    }

    /// <summary><c>message NodeProto</c>.</summary>
    public static class Node
    {
        public const int Input = 1;          // repeated string input = 1;
        public const int Output = 2;         // repeated string output = 2;
        public const int Name = 3;           // optional string name = 3;
        public const int OpType = 4;         // optional string op_type = 4;
        public const int Attribute = 5;      // repeated AttributeProto attribute = 5;
    }

    /// <summary><c>message AttributeProto</c> and its <c>AttributeType</c> enum.</summary>
    public static class Attribute
    {
        public const int Name = 1;           // optional string name = 1;
        public const int I = 3;              // optional int64 i = 3;
        public const int Type = 20;          // optional AttributeType type = 20;  (must match the value field used)

        public const int TypeInt = 2;        // AttributeType.INT
    }

    /// <summary><c>message TensorProto</c> and its <c>DataType</c> enum.</summary>
    public static class Tensor
    {
        public const int Dims = 1;           // repeated int64 dims = 1;
        public const int DataType = 2;       // optional int32 data_type = 2;
        public const int Name = 8;           // optional string name = 8;
        public const int RawData = 9;        // optional bytes raw_data = 9;  (fixed-width little-endian elements)

        public const int TypeFloat = 1;      // DataType.FLOAT
        public const int TypeInt64 = 7;      // DataType.INT64
    }

    /// <summary><c>message ValueInfoProto</c>.</summary>
    public static class ValueInfo
    {
        public const int Name = 1;           // optional string name = 1;
        public const int Type = 2;           // optional TypeProto type = 2;
    }

    /// <summary><c>message TypeProto</c> and its nested <c>Tensor</c>.</summary>
    public static class Type
    {
        public const int TensorType = 1;     // oneof value { Tensor tensor_type = 1; ... }
        public const int TensorElemType = 1; // Tensor: optional int32 elem_type = 1;
        public const int TensorShape = 2;    // Tensor: optional TensorShapeProto shape = 2;
    }

    /// <summary><c>message TensorShapeProto</c> and its nested <c>Dimension</c>.</summary>
    public static class Shape
    {
        public const int Dim = 1;            // repeated Dimension dim = 1;
        public const int DimValue = 1;       // Dimension: oneof value { int64 dim_value = 1; ... }
        public const int DimParam = 2;       // Dimension: oneof value { ... string dim_param = 2; }
    }
}
